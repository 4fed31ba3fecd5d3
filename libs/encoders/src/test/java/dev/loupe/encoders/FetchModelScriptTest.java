package dev.loupe.encoders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code deploy/models/fetch-model.sh} with bash against a fake Hugging Face tree on disk,
 * reached through {@code file://} URLs, so no network is needed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FetchModelScriptTest {

    // Surefire runs in the module directory, libs/encoders.
    private static final Path REPO_ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path SCRIPT = REPO_ROOT.resolve("deploy/models/fetch-model.sh");
    private static final Path EXAMPLE_BUNDLE = REPO_ROOT.resolve("models/clip-tiny-random");
    private static final long PROCESS_TIMEOUT_SECONDS = 60; // a local copy of ~9 MB takes well under a second

    private static final String DEFAULT_MODEL = "clip-vit-base-patch32";
    private static final List<String> BUNDLE_FILES = List.of(
            "config.json",
            "preprocessor_config.json",
            "tokenizer.json",
            "tokenizer_config.json",
            "onnx/text_model.onnx",
            "onnx/vision_model.onnx");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"clip-vit-base-patch32", "clip-vit-base-patch16", "clip-vit-large-patch14"})
    void dry_run_lists_every_bundle_file_with_its_url_and_writes_nothing(String model) throws IOException {
        Path workDir = Files.createDirectories(temp.resolve("work"));

        Result result = run(workDir, "--dry-run", "--model", model);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        String source = "https://huggingface.co/Xenova/" + model + "/resolve/main/";
        String bundle = "models/" + model + "/";
        assertThat(result.stdout().lines())
                .containsExactly(
                        source + "config.json -> " + bundle + "config.json",
                        source + "preprocessor_config.json -> " + bundle + "preprocessor_config.json",
                        source + "tokenizer.json -> " + bundle + "tokenizer.json",
                        source + "tokenizer_config.json -> " + bundle + "tokenizer_config.json (optional)",
                        source + "onnx/text_model.onnx -> " + bundle + "onnx/text_model.onnx",
                        source + "onnx/vision_model.onnx -> " + bundle + "onnx/vision_model.onnx");
        try (Stream<Path> entries = Files.list(workDir)) {
            assertThat(entries).as("the dry run writes nothing").isEmpty();
        }
    }

    @Test
    void dry_run_of_the_int8_variant_maps_the_quantized_towers_to_the_standard_names() throws IOException {
        Path workDir = Files.createDirectories(temp.resolve("work"));

        Result result = run(
                workDir,
                "clip-vit-large-patch14",
                "--variant=int8",
                "--dry-run",
                "--dest",
                "/srv/loupe/models/",
                "--revision",
                "0123abc",
                "--base-url",
                "https://mirror.example/hf/");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        String source = "https://mirror.example/hf/Xenova/clip-vit-large-patch14/resolve/0123abc/onnx/";
        String bundle = "/srv/loupe/models/clip-vit-large-patch14/onnx/";
        assertThat(result.stdout().lines())
                .hasSize(BUNDLE_FILES.size())
                .contains(
                        source + "text_model_quantized.onnx -> " + bundle + "text_model.onnx",
                        source + "vision_model_quantized.onnx -> " + bundle + "vision_model.onnx");
        try (Stream<Path> entries = Files.list(workDir)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void dry_run_without_a_model_uses_the_default_model() throws IOException {
        Result result = run(Files.createDirectories(temp.resolve("work")), "--dry-run");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout().lines())
                .hasSize(BUNDLE_FILES.size())
                .allSatisfy(line -> assertThat(line).contains("/Xenova/" + DEFAULT_MODEL + "/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--model clip-vit-huge-patch99", "clip-vit-huge-patch99", "--model=clip-vit-huge-patch99"})
    void rejects_an_unknown_model_with_usage_and_exit_code_2(String arguments) throws IOException {
        Path workDir = Files.createDirectories(temp.resolve("work"));

        Result result = run(workDir, arguments.split(" "));

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown model: 'clip-vit-huge-patch99'", "Usage:");
        assertThat(result.stdout()).isEmpty();
        assertThat(filesUnder(workDir)).isEmpty();
    }

    @Test
    void rejects_an_unknown_option_with_usage_and_exit_code_2() throws IOException {
        Result result = run(Files.createDirectories(temp.resolve("work")), "--frobnicate", DEFAULT_MODEL);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown option: --frobnicate", "Usage:");
        assertThat(result.stdout()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"--variant fp16", "--dest", "--dest --force", "clip-vit-base-patch32 clip-vit-base-patch16"})
    void rejects_a_bad_variant_a_missing_option_value_or_two_models_with_exit_code_2(String arguments)
            throws IOException {
        Result result = run(Files.createDirectories(temp.resolve("work")), arguments.split(" "));

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).contains("Usage:");
    }

    @Test
    void help_prints_usage_and_succeeds() throws IOException {
        Result result = run(Files.createDirectories(temp.resolve("work")), "--help");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("Usage:", "--variant", "--base-url", "--force", "--dry-run");
    }

    @Test
    void fetches_every_file_byte_for_byte_into_the_bundle_layout() throws IOException {
        Path repo = fakeHubRepository(DEFAULT_MODEL);
        Path models = temp.resolve("models");

        Result result = fetch(models);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Path bundle = models.resolve(DEFAULT_MODEL);
        assertThat(filesUnder(bundle)).containsExactlyInAnyOrderElementsOf(BUNDLE_FILES);
        for (String file : BUNDLE_FILES) {
            assertThat(Files.mismatch(bundle.resolve(file), repo.resolve(file)))
                    .as("%s differs from the published file", file)
                    .isEqualTo(-1L);
            assertThat(result.stdout()).contains(sha256(repo.resolve(file)) + "  " + file);
        }
        assertThat(filesUnder(models))
                .as("nothing but the bundle is left in the models directory")
                .allSatisfy(path -> assertThat(path).startsWith(DEFAULT_MODEL + "/"));
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines.getLast())
                .contains(
                        "LOUPE_EMBEDDER_MODELS_DIR=" + models.toRealPath(),
                        "LOUPE_EMBEDDER_DEFAULT_MODEL=" + DEFAULT_MODEL);
    }

    @Test
    void int8_variant_saves_the_quantized_towers_under_the_standard_names() throws IOException {
        Path repo = fakeHubRepository(DEFAULT_MODEL);
        byte[] quantizedText = pseudoRandomBytes(40_000, 7);
        byte[] quantizedVision = pseudoRandomBytes(30_000, 8);
        Files.write(repo.resolve("onnx/text_model_quantized.onnx"), quantizedText);
        Files.write(repo.resolve("onnx/vision_model_quantized.onnx"), quantizedVision);
        Path models = temp.resolve("models");

        Result result = fetch(models, "--variant", "int8");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Path bundle = models.resolve(DEFAULT_MODEL);
        assertThat(filesUnder(bundle)).containsExactlyInAnyOrderElementsOf(BUNDLE_FILES);
        assertThat(bundle.resolve("onnx/text_model.onnx")).hasBinaryContent(quantizedText);
        assertThat(bundle.resolve("onnx/vision_model.onnx")).hasBinaryContent(quantizedVision);
    }

    @Test
    void refuses_to_replace_an_existing_bundle_unless_forced() throws IOException {
        Path repo = fakeHubRepository(DEFAULT_MODEL);
        Path models = temp.resolve("models");
        Result first = fetch(models);
        assertThat(first.exitCode()).as(first.describe()).isZero();
        Path bundle = models.resolve(DEFAULT_MODEL);
        Path userFile = Files.writeString(bundle.resolve("notes.txt"), "written by the user");
        Map<String, String> before = digestsUnder(bundle);

        Result refused = fetch(models);

        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stderr()).contains("already exists", "--force");
        assertThat(digestsUnder(bundle)).as("the existing bundle is untouched").isEqualTo(before);

        Result forced = fetch(models, "--force");

        assertThat(forced.exitCode()).as(forced.describe()).isZero();
        assertThat(userFile).doesNotExist();
        assertThat(filesUnder(bundle)).containsExactlyInAnyOrderElementsOf(BUNDLE_FILES);
        for (String file : BUNDLE_FILES) {
            assertThat(Files.mismatch(bundle.resolve(file), repo.resolve(file))).isEqualTo(-1L);
        }
        assertThat(filesUnder(models)).allSatisfy(path -> assertThat(path).startsWith(DEFAULT_MODEL + "/"));
    }

    @Test
    void a_missing_remote_file_fails_the_run_and_leaves_no_partial_bundle() throws IOException {
        Path repo = fakeHubRepository(DEFAULT_MODEL);
        // The last file fetched, so every other file has already arrived when the run fails.
        Files.delete(repo.resolve("onnx/vision_model.onnx"));
        Path models = temp.resolve("models");

        Result result = fetch(models);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).contains("download failed", "onnx/vision_model.onnx");
        assertThat(models.resolve(DEFAULT_MODEL)).doesNotExist();
        assertThat(filesUnder(models)).as("no staged files are left behind").isEmpty();
        if (Files.isDirectory(models)) {
            try (Stream<Path> entries = Files.list(models)) {
                assertThat(entries).as("no staging directory is left behind").isEmpty();
            }
        }
    }

    @Test
    void skips_the_tokenizer_config_when_the_repository_does_not_publish_it() throws IOException {
        Path repo = fakeHubRepository(DEFAULT_MODEL);
        Files.delete(repo.resolve("tokenizer_config.json"));
        Path models = temp.resolve("models");

        Result result = fetch(models);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(filesUnder(models.resolve(DEFAULT_MODEL)))
                .containsExactlyInAnyOrder(
                        "config.json",
                        "preprocessor_config.json",
                        "tokenizer.json",
                        "onnx/text_model.onnx",
                        "onnx/vision_model.onnx");
        assertThat(result.stdout()).doesNotContain("tokenizer_config.json");
    }

    /** Runs a real (non-dry) fetch of the default model from the fake hub into {@code models}. */
    private Result fetch(Path models, String... extraArguments) throws IOException {
        List<String> arguments = new ArrayList<>(
                List.of("--base-url", hubRoot().toUri().toString(), "--dest", models.toString(), DEFAULT_MODEL));
        arguments.addAll(List.of(extraArguments));
        return run(Files.createDirectories(temp.resolve("work")), arguments.toArray(String[]::new));
    }

    private Path hubRoot() {
        return temp.resolve("hub");
    }

    /**
     * Lays out {@code <hub>/Xenova/<model>/resolve/main/} as Hugging Face serves it, with the files of the
     * example bundle, and returns that directory.
     */
    private Path fakeHubRepository(String model) throws IOException {
        Path repo = hubRoot().resolve("Xenova").resolve(model).resolve("resolve/main");
        Path source = exampleBundle();
        for (String file : BUNDLE_FILES) {
            Path target = repo.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(source.resolve(file), target);
        }
        return repo;
    }

    /**
     * The repository's example bundle, models/clip-tiny-random; {@code models/} is git-ignored, so where a
     * checkout lacks it, generated stand-ins take its place (the script never looks inside the files).
     */
    private Path exampleBundle() throws IOException {
        if (BUNDLE_FILES.stream().allMatch(file -> Files.isRegularFile(EXAMPLE_BUNDLE.resolve(file)))) {
            return EXAMPLE_BUNDLE;
        }
        Path generated = temp.resolve("generated-bundle");
        int seed = 0;
        for (String file : BUNDLE_FILES) {
            Path target = generated.resolve(file);
            Files.createDirectories(target.getParent());
            byte[] content = file.endsWith(".onnx")
                    ? pseudoRandomBytes(200_000, ++seed)
                    : ("{\"file\": \"" + file + "\"}\n").getBytes(StandardCharsets.UTF_8);
            Files.write(target, content);
        }
        return generated;
    }

    private Result run(Path workDir, String... arguments) throws IOException {
        assertThat(SCRIPT).as("the fetch script").isRegularFile();
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Path logs = Files.createDirectories(temp.resolve("logs"));
        Path stdout = Files.createTempFile(logs, "stdout", ".txt");
        Path stderr = Files.createTempFile(logs, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        process.getOutputStream().close(); // the script reads no input
        try {
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("fetch-model.sh did not finish within %d s: %s", PROCESS_TIMEOUT_SECONDS, command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for fetch-model.sh", e);
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /** Regular files under {@code root}, as '/'-separated relative paths; empty when root does not exist. */
    private static List<String> filesUnder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static Map<String, String> digestsUnder(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        for (String file : filesUnder(root)) {
            digests.put(file, sha256(root.resolve(file)));
        }
        return digests;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static byte[] pseudoRandomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private record Result(int exitCode, String stdout, String stderr) {

        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
