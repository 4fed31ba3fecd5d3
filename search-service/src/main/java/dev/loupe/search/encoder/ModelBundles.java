package dev.loupe.search.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the model bundles in the models directory and picks the one that embeds queries. */
public final class ModelBundles {

    /** The random-weight model bundled for tests: its embeddings mean nothing. */
    public static final String RANDOM_TEST_MODEL = "clip-tiny-random";

    private ModelBundles() {}

    /**
     * The model bundles under {@code dir}: subdirectories holding {@code onnx/} or {@code model.onnx},
     * by name.
     *
     * @throws IllegalStateException when {@code dir} is not a directory or holds no bundle
     */
    public static List<String> discover(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("loupe.models-dir " + dir + " is not a directory: create it and put one"
                    + " model bundle per subdirectory in it (deploy/models/fetch-model.sh fetches one)");
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<String> found = children.filter(Files::isDirectory)
                    .filter(child -> Files.isDirectory(child.resolve("onnx"))
                            || Files.isRegularFile(child.resolve("model.onnx")))
                    .map(child -> child.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted(Comparator.naturalOrder())
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("loupe.models-dir " + dir + " holds no model bundle: put one bundle per"
                        + " subdirectory in it, named by its model id (deploy/models/fetch-model.sh fetches one)");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list loupe.models-dir " + dir, e);
        }
    }

    /**
     * The model to load: the configured one, else the only bundle, else the first by name that is not
     * the random-weight test model.
     *
     * @param found the bundles, by name (non-empty)
     * @throws IllegalStateException when the configured model is not among them
     */
    public static String choose(List<String> found, Optional<String> configured, Path dir) {
        if (configured.isPresent()) {
            if (!found.contains(configured.get())) {
                throw new IllegalStateException("loupe.model '" + configured.get() + "' is not a bundle in " + dir
                        + "; the bundles there are " + found);
            }
            return configured.get();
        }
        return found.stream()
                .filter(id -> !id.equals(RANDOM_TEST_MODEL))
                .findFirst()
                .orElse(found.getFirst());
    }
}
