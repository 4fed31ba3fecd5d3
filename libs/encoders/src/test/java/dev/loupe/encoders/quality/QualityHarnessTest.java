package dev.loupe.encoders.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.encoders.ExecutionProvider;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.ModelInfo;
import dev.loupe.encoders.TestBundles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityHarnessTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void evaluates_both_datasets_with_the_random_model_and_says_the_numbers_are_chance() throws IOException {
        Path markdown = temp.resolve("reports/quality.md");

        int status = run(
                "--model", TestBundles.clipTiny().toString(),
                "--caltech", MiniDatasets.caltech().toString(),
                "--flickr", MiniDatasets.flickr().toString(),
                "--threads", "2",
                "--out", markdown.toString());

        assertThat(status).as(text(err)).isZero();
        String report = text(out);
        assertThat(report)
                .contains("Model `clip-tiny-random`", "16-d embeddings", "batches of 32, 2 threads")
                .contains("**These numbers are chance level, not a quality measurement.**")
                .contains("### Zero-shot classification: caltech-mini (test.txt)")
                .contains("5 images classified into 3 classes; each class is the mean of 2 prompt embeddings")
                .contains("| top-1 accuracy |", "| top-5 accuracy | 100.00 % | 100.00 % |")
                .contains("### Text→image retrieval: flickr-mini")
                .contains("30 captions each rank 6 images")
                .contains("| recall@1 |", "| recall@10 | 100.00 % | 100.00 % |", "| median rank |")
                .contains("written to " + markdown)
                .doesNotContain("per class</summary>");
        assertThat(Files.readString(markdown))
                .contains("chance level")
                .contains("<details><summary>Top-1 accuracy per class</summary>")
                .contains("| object | everyday object | 2 |");
        assertThat(text(err)).contains("caltech-mini images 5/5", "flickr-mini captions 30/30");
    }

    @Test
    void none_skips_a_dataset_and_limit_caps_the_images() {
        int status = run(
                "--model",
                TestBundles.clipTiny().toString(),
                "--caltech",
                "none",
                "--flickr",
                MiniDatasets.flickr().toString(),
                "--limit",
                "3");

        assertThat(status).as(text(err)).isZero();
        assertThat(text(out)).doesNotContain("Zero-shot").contains("15 captions each rank 3 images");
    }

    @Test
    void a_dataset_problem_fails_before_the_model_loads() {
        int status = run("--model", temp.resolve("no-model").toString(), "--caltech", temp.toString());

        assertThat(status).isEqualTo(1);
        assertThat(text(err)).startsWith("quality: ").contains("classnames.tsv is missing");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void a_missing_model_bundle_is_named() {
        int status = run(
                "--model",
                temp.resolve("no-model").toString(),
                "--flickr",
                MiniDatasets.flickr().toString());

        assertThat(status).isEqualTo(1);
        assertThat(text(err)).contains("model bundle directory missing").contains("no-model");
    }

    @Test
    void bad_arguments_print_the_usage() {
        assertThat(run("--caltech", "x")).isEqualTo(2);
        assertThat(text(err)).contains("--model is required").contains("usage: quality --model");
        assertThat(run("--model", "m", "--caltech", "none")).isEqualTo(2);
        assertThat(text(err)).contains("nothing to evaluate");
        assertThat(run("--model", "m", "--flickr", "f", "--limit", "0")).isEqualTo(2);
        assertThat(text(err)).contains("--limit must be a positive whole number, got '0'");
        assertThat(run("--model", "m", "--flickr", "f", "--provider", "tpu")).isEqualTo(2);
        assertThat(text(err)).contains("--provider must be cpu or cuda");
        assertThat(run("--model", "m", "--flickr", "f", "--batch", "5000")).isEqualTo(2);
        assertThat(run("--model", "m", "--colour", "red")).isEqualTo(2);
        assertThat(text(err)).contains("unknown option '--colour'");
        assertThat(run("--model")).isEqualTo(2);
        assertThat(text(err)).contains("--model needs a value");
    }

    @Test
    void help_prints_the_usage_and_succeeds() {
        assertThat(run("--help")).isZero();
        assertThat(text(out)).contains("usage: quality --model", "'none' skips a dataset");
    }

    @Test
    void later_options_override_earlier_ones_as_the_script_relies_on() {
        QualityHarness.Arguments arguments = QualityHarness.Arguments.parse(
                new String[] {"--caltech", "a", "--flickr", "b", "--model", "m", "--caltech", "c", "--flickr", "none"});

        assertThat(arguments.caltech()).isEqualTo(Path.of("c"));
        assertThat(arguments.flickr()).isNull();
        assertThat(arguments.split()).isEqualTo("test.txt");
        assertThat(arguments.batchSize()).isEqualTo(32);
        assertThat(arguments.provider()).isEqualTo(ExecutionProvider.CPU);
    }

    @Test
    void random_weights_are_recognised_by_bundle_name_model_id_or_test_size() {
        assertThat(QualityHarness.randomWeights(Path.of("models/clip-tiny-random"), info("clip-tiny-random", 16)))
                .contains("random-weight test model bundled with Loupe");
        assertThat(QualityHarness.randomWeights(Path.of("m/clip-random-512"), info("clip-random-512", 512)))
                .contains("named as having random weights");
        assertThat(QualityHarness.randomWeights(Path.of("fixtures/clip-tiny"), info("clip-tiny", 16)))
                .contains("16 dimensions");
        assertThat(QualityHarness.randomWeights(
                        Path.of("models/clip-vit-base-patch32"), info("clip-vit-base-patch32", 512)))
                .isNull();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return QualityHarness.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    private static ModelInfo info(String id, int dimensions) {
        return new ModelInfo(id, Set.of(Modality.TEXT, Modality.IMAGE), dimensions, 77, 224, ExecutionProvider.CPU);
    }
}
