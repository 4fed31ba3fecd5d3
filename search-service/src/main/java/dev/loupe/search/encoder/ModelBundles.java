package dev.loupe.search.encoder;

import dev.loupe.encoders.ModelLoader;
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
     * The model that embeds queries of photo collections: the configured one, else the first CLIP bundle
     * by name that is not the random-weight test model, else the test model, else (a directory of text
     * models only) the first bundle.
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
        List<String> clip =
                found.stream().filter(id -> !isTextBundle(dir.resolve(id))).toList();
        return clip.stream()
                .filter(id -> !id.equals(RANDOM_TEST_MODEL))
                .findFirst()
                .orElse(clip.isEmpty() ? found.getFirst() : clip.getFirst());
    }

    /**
     * Whether a bundle is a text model (a sentence-transformers export: {@code model.onnx} with its
     * tokenizer), not a CLIP model ({@code onnx/text_model.onnx}, {@code onnx/vision_model.onnx}).
     */
    public static boolean isTextBundle(Path bundle) {
        return ModelLoader.isTextBundle(bundle);
    }

    /** The text model bundles among those found, by name: the models text collections may use. */
    public static List<String> textBundles(List<String> found, Path dir) {
        return found.stream().filter(id -> isTextBundle(dir.resolve(id))).toList();
    }
}
