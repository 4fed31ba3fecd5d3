package dev.loupe.encoders.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.TestBundles;
import dev.loupe.encoders.UnsupportedModalityException;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.encoders.quality.CaptionDataset.Caption;
import dev.loupe.encoders.quality.ZeroShotDataset.LabelledImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Both evaluations end to end: the bundled random model on the tiny datasets, and an oracle that knows the answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationTest {

    private static final EvaluationOptions OPTIONS = new EvaluationOptions(4, 2, ImageLimits.DEFAULT);

    private EmbeddingModel clipTiny;

    @TempDir
    Path temp;

    @BeforeAll
    void loadModel() {
        clipTiny = ModelLoader.load(TestBundles.CLIP_TINY, TestBundles.clipTiny(), RuntimeOptions.cpu());
    }

    @AfterAll
    void closeModel() {
        clipTiny.close();
    }

    @Test
    void zero_shot_reports_counts_accuracies_in_range_and_chance() {
        List<String> stages = new ArrayList<>();
        ZeroShotReport report = new ZeroShotEvaluation(clipTiny, OPTIONS)
                .evaluate(ZeroShotDataset.read(MiniDatasets.caltech()), (stage, done, total) -> {
                    if (done == total) {
                        stages.add(stage + " " + total);
                    }
                });

        assertThat(report.dataset()).isEqualTo("caltech-mini");
        assertThat(report.classes()).isEqualTo(3);
        assertThat(report.templates()).isEqualTo(2);
        assertThat(report.images()).isEqualTo(5);
        assertThat(report.skipped()).isEmpty();
        assertThat(report.top1()).isBetween(0.0, 1.0);
        assertThat(report.top5()).isEqualTo(1.0); // five guesses among three classes cannot miss
        assertThat(report.chanceTop1()).isEqualTo(1 / 3.0);
        assertThat(report.chanceTop5()).isEqualTo(1.0);
        assertThat(report.perClass()).extracting(ClassAccuracy::folder).containsExactly("animal", "object", "food");
        assertThat(report.perClass()).extracting(ClassAccuracy::images).containsExactly(2, 2, 1);
        int correct =
                report.perClass().stream().mapToInt(ClassAccuracy::correct).sum();
        assertThat(report.top1()).isEqualTo(correct / 5.0);
        assertThat(report.elapsed()).isPositive();
        assertThat(stages).containsExactly("prompts 6", "images 5");
    }

    @Test
    void retrieval_reports_counts_recalls_in_range_and_chance() {
        RetrievalReport report = new RetrievalEvaluation(clipTiny, OPTIONS)
                .evaluate(CaptionDataset.read(MiniDatasets.flickr()), Progress.NONE);

        assertThat(report.dataset()).isEqualTo("flickr-mini");
        assertThat(report.images()).isEqualTo(6);
        assertThat(report.captions()).isEqualTo(30);
        assertThat(report.skipped()).isEmpty();
        assertThat(report.recallAt1()).isBetween(0.0, 1.0);
        assertThat(report.recallAt5()).isBetween(report.recallAt1(), 1.0);
        assertThat(report.recallAt10()).isEqualTo(1.0); // ten guesses among six images cannot miss
        assertThat(report.medianRank()).isBetween(1.0, 6.0);
        assertThat(report.chance(1)).isEqualTo(1 / 6.0);
        assertThat(report.chance(10)).isEqualTo(1.0);
        assertThat(report.chanceMedianRank()).isEqualTo(3.5);
    }

    @Test
    void batch_size_and_threads_do_not_change_the_numbers() {
        ZeroShotDataset caltech = ZeroShotDataset.read(MiniDatasets.caltech());
        CaptionDataset flickr = CaptionDataset.read(MiniDatasets.flickr());
        EvaluationOptions one = new EvaluationOptions(1, 1, ImageLimits.DEFAULT);
        EvaluationOptions many = new EvaluationOptions(5, 3, ImageLimits.DEFAULT);

        ZeroShotReport a = new ZeroShotEvaluation(clipTiny, one).evaluate(caltech, Progress.NONE);
        ZeroShotReport b = new ZeroShotEvaluation(clipTiny, many).evaluate(caltech, Progress.NONE);
        RetrievalReport c = new RetrievalEvaluation(clipTiny, one).evaluate(flickr, Progress.NONE);
        RetrievalReport d = new RetrievalEvaluation(clipTiny, many).evaluate(flickr, Progress.NONE);

        assertThat(b.perClass()).isEqualTo(a.perClass());
        assertThat(b.top1()).isEqualTo(a.top1());
        assertThat(new double[] {d.recallAt1(), d.recallAt5(), d.medianRank()})
                .containsExactly(c.recallAt1(), c.recallAt5(), c.medianRank());
    }

    @Test
    void an_oracle_scores_perfectly_and_a_confused_one_scores_nothing() {
        ZeroShotDataset caltech = ZeroShotDataset.read(MiniDatasets.caltech());
        List<String> names =
                caltech.classes().stream().map(ZeroShotDataset.ClassLabel::name).toList();
        // a prompt embeds as the class whose name it contains
        OracleModel right = new OracleModel(3, text -> OracleModel.oneHot(3, classIn(text, names)));
        OracleModel confused = new OracleModel(3, text -> OracleModel.oneHot(3, (classIn(text, names) + 1) % 3));
        for (LabelledImage image : caltech.images()) {
            Path file = caltech.imagesDir().resolve(image.file());
            right.image(file, OracleModel.oneHot(3, image.label()));
            confused.image(file, OracleModel.oneHot(3, image.label()));
        }

        ZeroShotReport perfect = new ZeroShotEvaluation(right, OPTIONS).evaluate(caltech, Progress.NONE);
        ZeroShotReport wrong = new ZeroShotEvaluation(confused, OPTIONS).evaluate(caltech, Progress.NONE);

        assertThat(perfect.top1()).isEqualTo(1.0);
        assertThat(perfect.perClass()).extracting(ClassAccuracy::correct).containsExactly(2, 2, 1);
        assertThat(wrong.top1()).isZero();
        // the true class ties with the third at 0 and loses the tie: rank 2, still within five
        assertThat(wrong.top5()).isEqualTo(1.0);
    }

    @Test
    void an_oracle_retrieves_every_caption_s_own_image_first() {
        CaptionDataset flickr = CaptionDataset.read(MiniDatasets.flickr());
        Map<String, Integer> imageOf = new HashMap<>();
        for (Caption caption : flickr.captions()) {
            imageOf.put(caption.text(), caption.image());
        }
        OracleModel model = new OracleModel(6, text -> OracleModel.oneHot(6, imageOf.get(text)));
        for (int i = 0; i < flickr.images().size(); i++) {
            model.image(flickr.imagesDir().resolve(flickr.images().get(i)), OracleModel.oneHot(6, i));
        }

        RetrievalReport report = new RetrievalEvaluation(model, OPTIONS).evaluate(flickr, Progress.NONE);

        assertThat(report.recallAt1()).isEqualTo(1.0);
        assertThat(report.medianRank()).isEqualTo(1.0);
    }

    @Test
    void an_undecodable_image_is_skipped_with_its_reason_and_its_captions_leave_the_queries() throws IOException {
        Path dir = MiniDatasets.copy(MiniDatasets.flickr(), temp.resolve("flickr"));
        Files.writeString(dir.resolve("images/124195430_d14028660f.jpg"), "<html>not found</html>");

        RetrievalReport report =
                new RetrievalEvaluation(clipTiny, OPTIONS).evaluate(CaptionDataset.read(dir), Progress.NONE);

        assertThat(report.images()).isEqualTo(5);
        assertThat(report.captions()).isEqualTo(25);
        assertThat(report.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.file()).isEqualTo("124195430_d14028660f.jpg");
            assertThat(skipped.reason()).contains("HTML");
        });
        assertThat(report.chance(1)).isEqualTo(1 / 5.0);
    }

    @Test
    void zero_shot_skips_an_undecodable_image_and_fails_when_none_decode() throws IOException {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("caltech"));
        Files.write(dir.resolve("images/food/image_0001.jpg"), new byte[0]);

        ZeroShotReport report =
                new ZeroShotEvaluation(clipTiny, OPTIONS).evaluate(ZeroShotDataset.read(dir), Progress.NONE);

        assertThat(report.images()).isEqualTo(4);
        assertThat(report.skipped()).extracting(SkippedImage::file).containsExactly("food/image_0001.jpg");
        assertThat(report.perClass().get(2).images()).isZero();
        assertThat(report.perClass().get(2).accuracy()).isNaN();

        Files.writeString(dir.resolve("test.txt"), "food/image_0001.jpg\n");
        assertThatThrownBy(() ->
                        new ZeroShotEvaluation(clipTiny, OPTIONS).evaluate(ZeroShotDataset.read(dir), Progress.NONE))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("none of the 1 images")
                .hasMessageContaining("empty");
    }

    @Test
    void a_file_over_the_byte_limit_is_refused_before_it_is_read() {
        EvaluationOptions tight = new EvaluationOptions(4, 2, new ImageLimits(10_000, 50_000_000));

        ZeroShotReport report = new ZeroShotEvaluation(clipTiny, tight)
                .evaluate(ZeroShotDataset.read(MiniDatasets.caltech()), Progress.NONE);

        assertThat(report.skipped())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.reason()).contains("the limit is 10000"));
        assertThat(report.images() + report.skipped().size()).isEqualTo(5);
    }

    @Test
    void a_text_only_model_is_refused_up_front() {
        OracleModel textOnly = new OracleModel(3, text -> new float[3], Set.of(Modality.TEXT));

        assertThatThrownBy(() -> new RetrievalEvaluation(textOnly, OPTIONS))
                .isInstanceOf(UnsupportedModalityException.class)
                .hasMessageContaining("does not embed image");
    }

    private static int classIn(String prompt, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (prompt.contains(names.get(i))) {
                return i;
            }
        }
        throw new IllegalArgumentException("no class name in '" + prompt + "'");
    }
}
