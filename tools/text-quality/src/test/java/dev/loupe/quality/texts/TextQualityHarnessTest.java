package dev.loupe.quality.texts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.encoders.TestBundles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end on a few captions and the Chinese pairs, with the real all-MiniLM-L6-v2. */
class TextQualityHarnessTest {

    @TempDir
    Path dir;

    private static Path captions() throws URISyntaxException {
        return Path.of(TextQualityHarnessTest.class
                        .getResource("/captions-mini/captions.csv")
                        .toURI())
                .getParent();
    }

    @Test
    void reports_every_method_on_both_tasks_of_both_corpora() throws Exception {
        Path model = TestBundles.installTextBundle(
                "all-minilm-l6-v2",
                Files.createDirectories(Path.of("target", "text-models").toAbsolutePath()));
        Path out = dir.resolve("report.md");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = TextQualityHarness.run(
                new String[] {
                    "--model",
                    model.toString(),
                    "--flickr",
                    captions().toString(),
                    "--queries",
                    "4",
                    "--out",
                    out.toString()
                },
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        String report = stdout.toString(StandardCharsets.UTF_8);
        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(out)).isEqualTo(report);
        assertThat(report)
                .contains("## all-minilm-l6-v2 — Flickr8k captions (captions-mini: 20 captions of 4 photos)")
                .contains("4 paraphrase and 4 fragment queries")
                .contains("| dense |")
                .contains("| lexical |")
                .contains("| hybrid convex min-max w=0.5 |")
                .contains("| hybrid convex z-score w=0.7 |")
                .contains("| lexical, no phrase-first |")
                .contains("| hybrid rrf w=0.7 |")
                .contains("Chinese question pairs (written for Loupe, zh-paraphrases.tsv: 40 pairs)")
                .contains("smart-chinese analysis");
        // four photos far apart: a real model finds another caption of the same photo first
        assertThat(report).containsPattern("\\| dense \\| 1\\.000 \\| 1\\.000 \\| 1\\.000 \\|");
    }

    @Test
    void fragments_are_contiguous_spans_of_half_to_seven_tenths() {
        Random random = new Random(1);
        String caption = "A brown dog runs across a grassy field in the morning sun";
        for (int i = 0; i < 50; i++) {
            String span = Corpora.wordSpan(caption, random);
            int words = span.split(" ").length;
            assertThat(caption).contains(span);
            assertThat(words).isBetween(6, 8); // 12 words: 50–70 %
        }
        String question = "已知二次函数的图像经过原点，求函数的解析式。";
        for (int i = 0; i < 50; i++) {
            String span = Corpora.characterSpan(question, random);
            assertThat(question).contains(span);
            assertThat(span.length()).isBetween(11, 15);
        }
    }

    @Test
    void bad_arguments_get_the_usage_and_status_2() throws IOException {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = TextQualityHarness.run(
                new String[] {"--flickr", "none"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("--model is required")
                .contains("usage:");
    }
}
