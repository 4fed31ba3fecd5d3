package dev.loupe.search.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroShotClassifierTest {

    @Test
    void the_ensemble_is_the_renormalised_mean_of_the_normalised_prompts() {
        // lengths 2 and 1: normalised first, so both count equally
        float[] e = ZeroShotClassifier.ensemble(List.of(new float[] {2, 0}, new float[] {0, 1}));

        double half = Math.sqrt(0.5);
        assertThat(e[0]).isCloseTo((float) half, within(1e-6f));
        assertThat(e[1]).isCloseTo((float) half, within(1e-6f));
    }

    @Test
    void one_prompt_is_its_own_unit_vector() {
        assertThat(ZeroShotClassifier.ensemble(List.<float[]>of(new float[] {0, 3, 4})))
                .containsExactly(new float[] {0, 0.6f, 0.8f}, within(1e-6f));
    }

    @Test
    void probabilities_are_the_softmax_of_scaled_cosines() {
        float[] image = {1, 0};
        float[][] labels = {{1, 0}, {0, 1}, {(float) Math.sqrt(0.5), (float) Math.sqrt(0.5)}};
        double scale = 10;

        double[] p = ZeroShotClassifier.probabilities(image, labels, scale);

        double[] logits = {scale * 1, scale * 0, scale * Math.sqrt(0.5)};
        double sum = Arrays.stream(logits).map(Math::exp).sum();
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isCloseTo(Math.exp(logits[i]) / sum, within(1e-6)); // the labels are float32
        }
        assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void a_large_logit_scale_neither_overflows_nor_loses_the_order() {
        float[] image = {1, 0};
        float[][] labels = {{0.8f, 0.6f}, {0.6f, 0.8f}};

        double[] p = ZeroShotClassifier.probabilities(image, labels, 10_000);

        assertThat(Arrays.stream(p).allMatch(Double::isFinite)).isTrue();
        assertThat(p[0]).isCloseTo(1.0, within(1e-12));
        assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void equal_cosines_give_equal_probabilities() {
        double[] p = ZeroShotClassifier.probabilities(
                new float[] {1, 0, 0}, new float[][] {{0, 1, 0}, {0, 0, 1}, {0, -1, 0}, {0, 0, -1}}, 100);

        assertThat(p).containsOnly(0.25);
    }

    @Test
    void the_default_templates_are_openais_80_imagenet_prompts() {
        assertThat(PromptTemplates.IMAGENET).hasSize(80).doesNotHaveDuplicates();
        assertThat(PromptTemplates.IMAGENET).allMatch(t -> t.contains(PromptTemplates.PLACEHOLDER));
        assertThat(PromptTemplates.IMAGENET.getFirst()).isEqualTo("a bad photo of a {}.");
        assertThat(PromptTemplates.IMAGENET).contains("a photo of a {}.", "itap of my {}.", "a tattoo of the {}.");
        assertThat(PromptTemplates.fill("a {} in a video game.", "cat")).isEqualTo("a cat in a video game.");
    }
}
