package dev.loupe.encoders.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.encoders.TestBundles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The material benchmarks run on, from {@code ../shared} beside the checkout: the full-size CLIP
 * graphs (patterned weights: right shapes and cost, meaningless outputs) assembled into model
 * bundles, and Caltech-101 photos. Benchmarks are skipped with a message when it is absent.
 */
public final class BenchFixtures {

    /** {@code ../shared}, found by walking up from the working directory. */
    public static final Path SHARED = locateShared();

    private static final List<String> QUERY_SUBJECTS = List.of(
            "a dog",
            "a house by the lake",
            "city lights at night",
            "a bowl of soup",
            "snowy mountains",
            "two people laughing",
            "a red car",
            "a cat asleep",
            "surfers at sunset",
            "a forest path");

    private BenchFixtures() {}

    /** The {@code i}-th of an endless run of distinct short query texts ("a dog 0", ..., "a dog 1", ...). */
    public static String queryText(int i) {
        return QUERY_SUBJECTS.get(i % QUERY_SUBJECTS.size()) + " " + (i / QUERY_SUBJECTS.size());
    }

    /** Skips the calling benchmark unless {@code ../shared} is there. */
    public static void assumeShared() {
        assumeTrue(
                SHARED != null,
                "benchmarks need ../shared (fixtures/clip-full, datasets/caltech101) beside the checkout");
    }

    /**
     * A bundle with the full-size ViT-B/32 towers ({@code int8} = the dynamically quantised ones),
     * the real CLIP tokenizer and preprocessing, unpacked once under {@code target/bench-models}.
     */
    public static Path vitB32Bundle(boolean int8) {
        assumeShared();
        String suffix = int8 ? "-int8" : "";
        Path bundle = Path.of("target/bench-models/vit-b-32" + suffix).toAbsolutePath();
        try {
            Files.createDirectories(bundle.resolve("onnx"));
            Path tiny = TestBundles.clipTiny();
            for (String file : List.of("tokenizer.json", "tokenizer_config.json", "preprocessor_config.json")) {
                Files.copy(tiny.resolve(file), bundle.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(bundle.resolve("config.json"), """
                    {"model_type": "clip", "projection_dim": 512,
                     "text_config": {"max_position_embeddings": 77, "eos_token_id": 49407},
                     "vision_config": {"image_size": 224}}
                    """);
            gunzip("vit-b-32-text" + suffix + ".onnx.gz", bundle.resolve("onnx/text_model.onnx"));
            gunzip("vit-b-32-vision" + suffix + ".onnx.gz", bundle.resolve("onnx/vision_model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundle;
    }

    /** {@code count} Caltech-101 photos spread over all categories, in a fixed order. */
    public static List<Path> caltechPhotos(int count) {
        assumeShared();
        Path images = SHARED.resolve("datasets/caltech101/images");
        try (Stream<Path> files = Files.walk(images)) {
            List<Path> all =
                    files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            List<Path> picked = new ArrayList<>();
            int step = Math.max(1, all.size() / count);
            for (int i = 0; i < all.size() && picked.size() < count; i += step) {
                picked.add(all.get(i));
            }
            return picked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<byte[]> read(List<Path> files) {
        List<byte[]> bytes = new ArrayList<>();
        try {
            for (Path file : files) {
                bytes.add(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private static void gunzip(String name, Path target) throws IOException {
        Path source = SHARED.resolve("fixtures/clip-full").resolve(name);
        if (Files.exists(target)
                && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(source), 1 << 16)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path locateShared() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolve("shared");
            if (Files.isDirectory(shared.resolve("fixtures/clip-full"))) {
                return shared;
            }
        }
        return null;
    }
}
