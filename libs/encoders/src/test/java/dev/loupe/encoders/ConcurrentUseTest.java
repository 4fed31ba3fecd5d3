package dev.loupe.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One model instance serves many threads at once and gives each the answer it gives alone. */
class ConcurrentUseTest {

    @Test
    void concurrent_callers_get_the_same_embeddings_as_a_single_caller() throws Exception {
        List<String> texts = List.of("a photo of a cat", "a house by the lake", "以文搜图", "hello,world!?");
        float[] pixels = TestBundles.goldenPixels("caltech_pizza.jpg");
        try (EmbeddingModel model =
                        ModelLoader.load(TestBundles.CLIP_TINY, TestBundles.clipTiny(), RuntimeOptions.cpu());
                ExecutorService pool = Executors.newFixedThreadPool(8)) {
            float[][] expectedTexts = model.embedTexts(texts);
            float[] expectedImage = model.embedImages(List.of(pixels))[0];
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 64; task++) {
                int offset = task % texts.size();
                results.add(pool.submit(() -> {
                    float[][] got = model.embedTexts(List.of(texts.get(offset)));
                    float[] image = model.embedImages(List.of(pixels))[0];
                    return TestBundles.cosine(got[0], expectedTexts[offset]) > 0.999999
                            && TestBundles.cosine(image, expectedImage) > 0.999999;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }
}
