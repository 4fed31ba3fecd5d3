package dev.loupe.classifier.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionHarnessTest {

    private static final List<String> FOLDERS = List.of("red", "green", "blue", "BACKGROUND_Google");
    private static final int PHOTOS_PER_FOLDER = 8;

    @TempDir
    Path temp;

    private Path dataset;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A Caltech-style folder of small generated JPEGs: one tint per class, eight photos each, split 5 + 3. */
    @BeforeEach
    void write_a_tiny_dataset() throws IOException {
        dataset = temp.resolve("tiny-caltech");
        Random random = new Random(3);
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int c = 0; c < FOLDERS.size(); c++) {
            Path folder = Files.createDirectories(dataset.resolve("images").resolve(FOLDERS.get(c)));
            for (int i = 0; i < PHOTOS_PER_FOLDER; i++) {
                BufferedImage image = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        int noise = random.nextInt(64);
                        image.setRGB(x, y, (c == 0 ? 0xC00000 : c == 1 ? 0x00C000 : 0x0000C0) + noise);
                    }
                }
                String file = String.format("image_%04d.jpg", i + 1);
                ImageIO.write(image, "jpg", folder.resolve(file).toFile());
                (i < 5 ? train : test).add(FOLDERS.get(c) + "/" + file);
            }
        }
        Files.writeString(
                dataset.resolve("classnames.tsv"),
                "folder\tclassname\nred\tred thing\ngreen\tgreen thing\nblue\tblue thing\nBACKGROUND_Google\tbackground\n");
        Files.writeString(dataset.resolve("templates.txt"), "a photo of a {}.\n");
        Files.write(dataset.resolve("train.txt"), train);
        Files.write(dataset.resolve("test.txt"), test);
    }

    @Test
    void simulates_every_class_with_enough_photos_and_says_random_weights_give_chance() throws IOException {
        Path markdown = temp.resolve("reports/sessions.md");

        int status = run(
                "--model", TinyModel.bundle().toString(),
                "--dataset", dataset.toString(),
                "--min-photos", "8",
                "--rounds", "3",
                "--per-round", "4",
                "--threads", "2",
                "--out", markdown.toString());

        assertThat(status).as(text(err)).isZero();
        String report = text(out);
        assertThat(report)
                .contains("Model `clip-tiny-random`", "16-d embeddings")
                .contains("**These numbers are chance level, not a quality measurement.**")
                .contains("Collection: 32 photos of tiny-caltech (train.txt+test.txt)")
                .contains("3 target classes (every class with at least 8 photos, BACKGROUND_Google excepted)")
                .contains("prompt \"a photo of a {}.\"")
                .contains("3 rounds of 4 labels")
                .contains("Precision@50 per round, mean over 3 targets")
                .contains("| red | 8 | 12 |", "| green | 8 | 12 |", "| blue | 8 | 12 |")
                .doesNotContain("| BACKGROUND_Google |");
        assertThat(roundRows(report))
                .extracting(row -> row.split("\\|")[1].strip())
                .containsExactly("0", "1", "2", "3");
        assertThat(Files.readString(markdown)).isEqualTo(report);
        assertThat(text(err)).contains("tiny-caltech photos 32/32", "sessions 3/3");
    }

    @Test
    void targets_and_split_and_limit_choose_the_sessions_and_the_collection() {
        int status = run(
                "--model", TinyModel.bundle().toString(),
                "--dataset", dataset.toString(),
                "--split", "test.txt",
                "--limit", "10",
                "--targets", "blue",
                "--rounds", "1",
                "--template", "{}");

        assertThat(status).as(text(err)).isZero();
        assertThat(text(out))
                .contains("Collection: 10 photos of tiny-caltech (test.txt)")
                .contains("1 target class; prompt \"{}\"")
                .contains("| blue |");
        assertThat(roundRows(text(out))).hasSize(2);
    }

    @Test
    void a_target_not_in_the_dataset_fails_before_the_model_loads() {
        int status = run(
                "--model",
                temp.resolve("no-model").toString(),
                "--dataset",
                dataset.toString(),
                "--targets",
                "red,purple");

        assertThat(status).isEqualTo(1);
        assertThat(text(err)).startsWith("classifier-eval: ").contains("'purple'");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void too_few_photos_per_class_is_a_clear_error() {
        int status = run("--model", TinyModel.bundle().toString(), "--dataset", dataset.toString());

        assertThat(status).isEqualTo(1);
        assertThat(text(err)).contains("no class of tiny-caltech has 50 photos among the 32 evaluated");
    }

    @Test
    void bad_arguments_print_the_usage_and_help_prints_it_alone() {
        assertThat(run("--dataset", dataset.toString())).isEqualTo(2);
        assertThat(text(err)).contains("--model is required").contains("usage: classifier-eval");
        err.reset();
        assertThat(run("--model", "m", "--dataset", "d", "--boundary", "1.5")).isEqualTo(2);
        assertThat(text(err)).contains("--boundary must be a number from 0 to 1, got '1.5'");
        err.reset();
        assertThat(run("--model", "m", "--dataset", "d", "--template", "no placeholder"))
                .isEqualTo(2);
        assertThat(text(err)).contains("--template needs {}");
        err.reset();
        assertThat(run("--model", "m", "--dataset", "d", "--per-round", "101")).isEqualTo(2);
        assertThat(text(err)).contains("--per-round must be at most 100");

        assertThat(run("--help")).isZero();
        assertThat(text(out)).startsWith("usage: classifier-eval").contains("--min-photos");
    }

    private static List<String> roundRows(String report) {
        List<String> lines = report.lines().toList();
        int header = 0;
        while (!lines.get(header).startsWith("| round |")) {
            header++;
        }
        return lines.subList(header + 2, lines.size()).stream()
                .takeWhile(l -> l.startsWith("| "))
                .toList();
    }

    private int run(String... args) {
        return SessionHarness.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
