package dev.loupe.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Output size, crop, channel order and normalisation of {@link ImagePreprocessor}. */
class ImagePreprocessorTest {

    private static final PreprocessorConfig CLIP = PreprocessorConfig.clip();
    private static final int SIDE = 224;
    private static final int AREA = SIDE * SIDE;

    private final ImagePreprocessor preprocessor = new ImagePreprocessor(CLIP);

    @Test
    void returns_a_chw_tensor_of_the_crop_size() {
        float[] tensor = preprocessor.preprocess(solid(300, 200, new Color(10, 20, 30)));

        assertThat(tensor).hasSize(3 * AREA);
    }

    @Test
    void normalises_each_channel_with_its_mean_and_std_in_rgb_order() {
        float[] tensor = preprocessor.preprocess(solid(250, 300, new Color(255, 128, 0)));

        float[] mean = CLIP.mean();
        float[] std = CLIP.std();
        int[] levels = {255, 128, 0};
        for (int c = 0; c < 3; c++) {
            float expected = ((float) (levels[c] / 255.0) - mean[c]) / std[c];
            for (int i = c * AREA; i < (c + 1) * AREA; i++) {
                assertThat(tensor[i]).as("channel %d, index %d", c, i).isEqualTo(expected);
            }
        }
    }

    @Test
    void keeps_the_centre_of_a_tall_image() {
        // 224 wide: no resize at all; the crop keeps rows 112..335, the white band
        BufferedImage tall = solid(SIDE, 448, Color.BLACK);
        Graphics2D g = tall.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 112, SIDE, 224);
        g.dispose();

        float[] tensor = preprocessor.preprocess(tall);

        float white = (1.0f - CLIP.mean()[0]) / CLIP.std()[0];
        for (int i = 0; i < AREA; i++) {
            assertThat(tensor[i]).as("red at %d", i).isEqualTo(white);
        }
    }

    @Test
    void keeps_the_centre_of_a_wide_image_at_the_floor_of_the_margin() {
        // 225 wide: the crop starts at column (225 - 224) // 2 = 0, so the last column is dropped
        BufferedImage wide = solid(225, SIDE, Color.BLACK);
        wide.setRGB(224, 0, 0xFFFFFF);

        float[] tensor = preprocessor.preprocess(wide);

        float black = (0.0f - CLIP.mean()[0]) / CLIP.std()[0];
        for (int i = 0; i < AREA; i++) {
            assertThat(tensor[i]).as("red at %d", i).isEqualTo(black);
        }
    }

    @Test
    void pads_with_zero_pixels_where_the_crop_is_larger_than_the_resized_image() {
        // shortest edge 4, crop 6x6, image 8x4: resized 8x4, crop rows -1..4 and columns 1..6
        PreprocessorConfig config = new PreprocessorConfig(4, 6, 6, 1 / 255.0, new float[3], new float[] {1, 1, 1});
        BufferedImage image = solid(8, 4, new Color(255, 255, 255));

        float[] tensor = new ImagePreprocessor(config).preprocess(image);

        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                float expected = y == 0 || y == 5 ? 0f : 1f;
                assertThat(tensor[y * 6 + x]).as("(%d, %d)", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void other_image_types_give_the_same_tensor_as_int_rgb() {
        BufferedImage rgb = TestImages.pattern(37, 29, BufferedImage.TYPE_INT_RGB);
        BufferedImage bgr = TestImages.pattern(37, 29, BufferedImage.TYPE_3BYTE_BGR);

        assertThat(preprocessor.preprocess(bgr)).isEqualTo(preprocessor.preprocess(rgb));
    }

    @Test
    void a_sub_image_is_read_through_its_window() {
        BufferedImage large = TestImages.pattern(60, 50, BufferedImage.TYPE_INT_RGB);
        BufferedImage window = large.getSubimage(7, 5, 40, 30);
        BufferedImage copy = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        copy.getRaster().setDataElements(0, 0, window.getRaster());

        assertThat(preprocessor.preprocess(window)).isEqualTo(preprocessor.preprocess(copy));
    }

    @Test
    void an_extreme_aspect_ratio_only_computes_the_crop() {
        // the resized long side would be 224 * 20000 = 4.5 million pixels
        BufferedImage sliver = TestImages.pattern(20_000, 1, BufferedImage.TYPE_INT_RGB);

        float[] tensor = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> preprocessor.preprocess(sliver));

        assertThat(tensor).hasSize(3 * AREA);
    }

    @Test
    void concurrent_calls_give_the_same_tensors() throws Exception {
        BufferedImage[] images = new BufferedImage[6];
        float[][] expected = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            images[i] = TestImages.pattern(200 + 37 * i, 300 - 29 * i, BufferedImage.TYPE_INT_RGB);
            expected[i] = preprocessor.preprocess(images[i]);
        }
        ImagePreprocessor shared = new ImagePreprocessor(CLIP);
        Thread[] threads = new Thread[4];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; round < 10; round++) {
                        for (int i = 0; i < images.length; i++) {
                            assertThat(shared.preprocess(images[i])).isEqualTo(expected[i]);
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }
        synchronized (failure) {
            assertThat(failure[0]).isNull();
        }
    }

    private static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }
}
