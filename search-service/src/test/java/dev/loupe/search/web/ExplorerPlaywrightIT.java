package dev.loupe.search.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.encoders.TestBundles;
import dev.loupe.search.TestDirectories;
import dev.loupe.search.TestPhotos;
import dev.loupe.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The explorer page in a real browser. Starts the packaged jar as {@code ./loupe run} does (an empty data
 * directory, the demo photos imported at start, {@code demo/} as the import root), then runs the
 * Playwright tests in {@code src/test/e2e} with node's test runner ({@code playwright-core} driving
 * Debian's headless Chromium; nothing downloaded) against it, and fails with their output unless all
 * pass. Needs node ≥ 20 with {@code deploy/ci/install-playwright.sh} run, and Chromium ({@code
 * deploy/ci/install-chromium.sh}); {@code ./loupe test} runs both. The properties {@code
 * loupe-browser.node} and {@code loupe-browser.chromium} point elsewhere; {@code loupe-browser.skip=true}
 * skips the test on a machine without a browser.
 */
class ExplorerPlaywrightIT {

    /** Set to {@code true} to skip the browser tests on a machine without Chromium or node. */
    static final String SKIP_PROPERTY = "loupe-browser.skip";

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path E2E = Path.of("src/test/e2e");
    private static final List<String> TEST_FILES = List.of("explorer.test.mjs", "page.test.mjs", "texts.test.mjs");
    private static final String TEXT_MODEL = "all-minilm-l6-v2";
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Duration TESTS = Duration.ofMinutes(5); // about a minute on a quiet 2-core machine
    private static final Pattern PASSED = Pattern.compile("(?m)^\\S* ?pass (\\d+)$"); // the spec reporter's summary
    private static final int OUTPUT_SHOWN = 20_000; // characters of node's output in a failure message

    @Test
    void the_explorer_passes_its_playwright_tests_against_the_packaged_service() throws Exception {
        Assumptions.assumeFalse(
                Boolean.getBoolean(SKIP_PROPERTY), "browser tests skipped: -D" + SKIP_PROPERTY + "=true");
        assertThat(E2E.resolve("node_modules/playwright-core/package.json"))
                .as(
                        "playwright-core is not installed in %s: run deploy/ci/install-playwright.sh (or skip the"
                                + " browser tests with -D%s=true)",
                        E2E.toAbsolutePath(), SKIP_PROPERTY)
                .isRegularFile();
        Path repository = TestPhotos.modelsDir().getParent();
        Path dataDir = Files.createTempDirectory("loupe-explorer-it");
        // the CLIP test model and a real text model, as after deploy/models/fetch-model.sh all-minilm-l6-v2
        Path models = Files.createDirectories(dataDir.resolve("models"));
        Files.createSymbolicLink(
                models.resolve(TestPhotos.MODEL), TestPhotos.modelsDir().resolve(TestPhotos.MODEL));
        Files.createSymbolicLink(
                models.resolve(TEXT_MODEL),
                TestBundles.installTextBundle(
                        TEXT_MODEL,
                        Files.createDirectories(Path.of("target", "text-models").toAbsolutePath())));
        try (ServiceProcess service = ServiceProcess.start(
                JAR,
                Map.of(
                        "loupe.data-dir", dataDir.toString(),
                        "loupe.models-dir", models.toString(),
                        "loupe.model", TestPhotos.MODEL,
                        "loupe.imports.roots", repository.resolve("demo").toString(),
                        "loupe.demo.path", repository.resolve("demo/photos").toString(),
                        "loupe.demo.import-on-start", "true"),
                Path.of("target/explorer-playwright-it-service.log"),
                STARTUP)) {
            Path log = Path.of("target/explorer-playwright-it.log");
            int exit = runNodeTests(
                    Map.of(
                            "LOUPE_URL", service.url().toString(),
                            "LOUPE_DEMO_PHOTOS",
                                    repository.resolve("demo/photos").toString(),
                            "LOUPE_DEMO_TEXTS",
                                    repository
                                            .resolve("demo/texts/questions.jsonl")
                                            .toString(),
                            "LOUPE_CHROMIUM", System.getProperty("loupe-browser.chromium", "/usr/bin/chromium")),
                    log);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exit)
                    .as("node --test exited with %d; its output (also in %s):%n%s", exit, log, tail(output))
                    .isZero();
            Matcher passed = PASSED.matcher(output);
            assertThat(passed.find() && Integer.parseInt(passed.group(1)) > 0)
                    .as("node's summary counts passed tests:%n%s", tail(output))
                    .isTrue();
        } finally {
            TestDirectories.delete(dataDir);
        }
    }

    /** Runs node's test runner on the e2e files, its output to {@code log}; its exit code (124 on timeout). */
    private static int runNodeTests(Map<String, String> env, Path log) throws IOException, InterruptedException {
        String node = System.getProperty("loupe-browser.node", "node");
        List<String> command = new ArrayList<>(List.of(node, "--test", "--test-concurrency=1", "--test-reporter=spec"));
        command.addAll(TEST_FILES);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(E2E.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toAbsolutePath().toFile());
        builder.environment().putAll(env);
        builder.environment().put("NO_COLOR", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run '" + node + "' (node >= 20 is needed; point -Dloupe-browser.node at it, or skip the"
                            + " browser tests with -D" + SKIP_PROPERTY + "=true)",
                    e);
        }
        if (process.waitFor(TESTS.toSeconds(), TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        // the browser is node's child: end it too
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(
                log,
                System.lineSeparator() + "(killed after " + TESTS + ")" + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        return 124;
    }

    private static String tail(String output) {
        return output.length() <= OUTPUT_SHOWN ? output : "…" + output.substring(output.length() - OUTPUT_SHOWN);
    }
}
