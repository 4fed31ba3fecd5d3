package dev.loupe.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resampler against Pillow. Every expected array below came from Pillow 13.0.0: {@code
 * Image.fromarray(pattern(w, h)).resize((outW, outH), Image.BICUBIC)}, one line per channel (R, G,
 * B), row by row, where {@code pattern} is {@link #pattern(int, int)} in numpy.
 */
class BicubicResamplerTest {

    private final BicubicResampler resampler = new BicubicResampler();

    @Test
    void shrinking_antialiases_as_pillow_does() {
        assertResizesLikePillow(
                13,
                7,
                5,
                3,
                new int[] {40, 141, 154, 63, 164, 65, 166, 148, 88, 189, 90, 191, 100, 113, 214},
                new int[] {44, 109, 156, 146, 123, 162, 145, 114, 143, 147, 74, 86, 166, 138, 135},
                new int[] {125, 128, 128, 128, 125, 128, 127, 127, 127, 128, 125, 128, 128, 128, 125});
    }

    @Test
    void enlarging_interpolates_and_clamps_overshoot_as_pillow_does() {
        assertResizesLikePillow(
                4,
                3,
                9,
                7,
                new int[] {
                    0, 3, 19, 38, 55, 71, 90, 106, 113, 1, 5, 21, 40, 57, 73, 92, 108, 115, 4, 9, 25, 44, 61, 77, 96,
                    112, 119, 8, 15, 31, 50, 67, 83, 102, 118, 125, 13, 21, 37, 56, 73, 89, 108, 124, 131, 18, 25, 41,
                    60, 77, 93, 112, 128, 135, 20, 27, 43, 62, 79, 95, 114, 130, 137
                },
                new int[] {
                    0, 0, 0, 1, 6, 14, 26, 37, 42, 5, 5, 7, 11, 16, 24, 36, 47, 52, 26, 26, 28, 32, 37, 45, 57, 68, 73,
                    53, 53, 55, 59, 64, 72, 84, 95, 100, 80, 80, 82, 86, 91, 99, 111, 122, 127, 101, 101, 103, 107, 112,
                    120, 132, 143, 148, 111, 111, 113, 117, 122, 130, 142, 153, 158
                },
                new int[] {
                    0, 14, 182, 255, 128, 0, 73, 241, 255, 26, 52, 164, 227, 128, 28, 91, 203, 229, 160, 152, 116, 96,
                    128, 159, 139, 103, 95, 255, 223, 82, 2, 128, 253, 173, 32, 0, 160, 152, 116, 96, 128, 159, 139,
                    103, 95, 26, 52, 164, 227, 128, 28, 91, 203, 229, 0, 14, 182, 255, 128, 0, 73, 241, 255
                });
    }

    @Test
    void a_large_reduction_widens_the_filter_to_the_scale() {
        assertResizesLikePillow(
                300,
                2,
                7,
                1,
                new int[] {124, 130, 127, 128, 126, 130, 124},
                new int[] {116, 119, 115, 115, 119, 114, 116},
                new int[] {128, 128, 128, 128, 128, 128, 128});
    }

    @Test
    void an_unchanged_width_is_passed_through_and_only_the_height_is_filtered() {
        assertResizesLikePillow(
                6,
                5,
                6,
                2,
                new int[] {9, 46, 83, 120, 157, 194, 35, 72, 109, 146, 183, 220},
                new int[] {45, 50, 65, 98, 133, 171, 167, 172, 187, 123, 158, 96},
                new int[] {113, 142, 113, 142, 113, 142, 113, 142, 113, 142, 113, 142});
    }

    @Test
    void shrinking_one_axis_while_enlarging_the_other_matches_pillow() {
        assertResizesLikePillow(
                9,
                4,
                4,
                9,
                new int[] {
                    24, 105, 184, 53, 26, 107, 186, 55, 31, 112, 191, 60, 37, 118, 197, 66, 42, 123, 202, 71, 46, 127,
                    206, 75, 52, 133, 212, 81, 57, 138, 217, 86, 59, 140, 219, 88
                },
                new int[] {
                    0, 36, 139, 172, 8, 46, 148, 159, 32, 70, 168, 129, 59, 98, 181, 104, 83, 126, 174, 99, 106, 153,
                    156, 106, 133, 180, 129, 130, 157, 201, 101, 158, 167, 211, 89, 169
                },
                new int[] {
                    108, 129, 129, 108, 115, 129, 129, 115, 133, 127, 127, 133, 144, 126, 126, 144, 128, 128, 128, 128,
                    111, 129, 129, 111, 122, 128, 128, 122, 140, 126, 126, 140, 147, 126, 126, 147
                });
    }

    @Test
    void the_same_size_returns_the_pixels_unchanged() {
        int[] rgb = pattern(10, 10);
        byte[][] planes = resampler.resizeAndCrop(rgb, 0, 10, 10, 10, 10, 10, 0, 0, 10, 10);
        for (int i = 0; i < rgb.length; i++) {
            assertThat(packed(planes, i)).as("pixel %d", i).isEqualTo(rgb[i]);
        }
    }

    @Test
    void computing_only_the_crop_gives_the_pixels_of_the_full_resize() {
        Random random = new Random(7);
        int[] rgb = new int[57 * 31];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(1 << 24);
        }
        byte[][] full = resampler.resizeAndCrop(rgb, 0, 57, 57, 31, 40, 22, 0, 0, 40, 22);
        int[][] windows = {{0, 0, 40, 22}, {9, 3, 17, 11}, {39, 21, 1, 1}, {5, 0, 30, 22}};
        for (int[] window : windows) {
            int left = window[0];
            int top = window[1];
            int width = window[2];
            int height = window[3];
            byte[][] crop = resampler.resizeAndCrop(rgb, 0, 57, 57, 31, 40, 22, left, top, width, height);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    assertThat(packed(crop, y * width + x))
                            .as("window %d,%d %dx%d at %d,%d", left, top, width, height, x, y)
                            .isEqualTo(packed(full, (top + y) * 40 + left + x));
                }
            }
        }
    }

    @Test
    void a_crop_reaching_outside_the_resized_image_is_padded_with_zeros() {
        int[] rgb = pattern(4, 4);
        byte[][] inside = resampler.resizeAndCrop(rgb, 0, 4, 4, 4, 2, 2, 0, 0, 2, 2);
        byte[][] padded = resampler.resizeAndCrop(rgb, 0, 4, 4, 4, 2, 2, -1, -1, 4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                boolean outside = x == 0 || y == 0 || x == 3 || y == 3;
                int expected = outside ? 0 : packed(inside, (y - 1) * 2 + (x - 1));
                assertThat(packed(padded, y * 4 + x)).as("(%d, %d)", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void reads_a_window_of_a_larger_pixel_array() {
        int[] rgb = pattern(13, 7);
        int[] framed = new int[20 * 10];
        for (int y = 0; y < 7; y++) {
            System.arraycopy(rgb, y * 13, framed, (y + 2) * 20 + 3, 13);
        }
        byte[][] direct = resampler.resizeAndCrop(rgb, 0, 13, 13, 7, 5, 3, 0, 0, 5, 3);
        byte[][] windowed = resampler.resizeAndCrop(framed, 2 * 20 + 3, 20, 13, 7, 5, 3, 0, 0, 5, 3);
        assertThat(windowed).isDeepEqualTo(direct);
    }

    @Test
    void coefficients_of_each_output_sum_to_one_in_fixed_point() {
        BicubicResampler.Kernel kernel = resampler.kernel(391, 224, 0, 224);
        for (int i = 0; i < kernel.count(); i++) {
            int sum = 0;
            for (int t = 0; t < kernel.length()[i]; t++) {
                sum += kernel.weights()[i * kernel.taps() + t];
            }
            // each weight is rounded on its own: the sum is one within half a unit per tap
            assertThat(Math.abs(sum - (1 << BicubicResampler.PRECISION_BITS)))
                    .as("output %d", i)
                    .isLessThanOrEqualTo(kernel.taps());
        }
    }

    @ParameterizedTest(name = "{0}x{1} to {2}x{3}")
    @CsvSource({
        "300, 260, 258, 224",
        "97, 301, 224, 695",
        "1000, 130, 1723, 224",
        "640, 480, 298, 224",
        "150, 200, 224, 298"
    })
    void matches_a_line_by_line_transcription_of_pillow_on_photo_sized_images(
            int inWidth, int inHeight, int outWidth, int outHeight) {
        Random random = new Random(inWidth * 31L + inHeight);
        int[] rgb = new int[inWidth * inHeight];
        for (int i = 0; i < rgb.length; i++) {
            // smooth gradients with noise, so that overshoot and clamping both occur
            int x = i % inWidth;
            int y = i / inWidth;
            int r = Math.clamp(x * 255L / inWidth + random.nextInt(41) - 20, 0, 255);
            int g = Math.clamp(y * 255L / inHeight + random.nextInt(41) - 20, 0, 255);
            rgb[i] = r << 16 | g << 8 | random.nextInt(256);
        }
        int left = (outWidth - 224) / 2;
        int top = (outHeight - 224) / 2;

        byte[][] actual =
                resampler.resizeAndCrop(rgb, 0, inWidth, inWidth, inHeight, outWidth, outHeight, left, top, 224, 224);

        int[][] expected = PillowTranscription.resize(rgb, inWidth, inHeight, outWidth, outHeight);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    assertThat(actual[c][y * 224 + x] & 0xFF)
                            .as("channel %d at (%d, %d)", c, x, y)
                            .isEqualTo(expected[c][(top + y) * outWidth + left + x]);
                }
            }
        }
    }

    private void assertResizesLikePillow(
            int inWidth, int inHeight, int outWidth, int outHeight, int[] red, int[] green, int[] blue) {
        byte[][] planes = resampler.resizeAndCrop(
                pattern(inWidth, inHeight),
                0,
                inWidth,
                inWidth,
                inHeight,
                outWidth,
                outHeight,
                0,
                0,
                outWidth,
                outHeight);
        assertThat(unsigned(planes[0])).as("red").containsExactly(red);
        assertThat(unsigned(planes[1])).as("green").containsExactly(green);
        assertThat(unsigned(planes[2])).as("blue").containsExactly(blue);
        // the oracle of the photo-sized test must agree with Pillow too
        int[][] transcription =
                PillowTranscription.resize(pattern(inWidth, inHeight), inWidth, inHeight, outWidth, outHeight);
        assertThat(transcription).as("transcription").isDeepEqualTo(new int[][] {red, green, blue});
    }

    /** R = (37x + 11y) mod 256, G = (5x² + 53y) mod 256, B = 255 on odd (x + y): edges in every band. */
    private static int[] pattern(int width, int height) {
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 37 + y * 11) % 256;
                int g = (x * x * 5 + y * 53) % 256;
                int b = (x + y) % 2 == 1 ? 255 : 0;
                rgb[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return rgb;
    }

    private static int[] unsigned(byte[] plane) {
        int[] values = new int[plane.length];
        for (int i = 0; i < plane.length; i++) {
            values[i] = plane[i] & 0xFF;
        }
        return values;
    }

    private static int packed(byte[][] planes, int i) {
        return (planes[0][i] & 0xFF) << 16 | (planes[1][i] & 0xFF) << 8 | (planes[2][i] & 0xFF);
    }
}
