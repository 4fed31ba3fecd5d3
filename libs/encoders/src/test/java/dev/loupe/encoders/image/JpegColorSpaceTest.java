package dev.loupe.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The colour space guess follows libjpeg-turbo's {@code default_decompress_parms}. */
class JpegColorSpaceTest {

    private static final int NO_ADOBE = -1;

    @Test
    void one_component_is_grey() {
        assertThat(JpegColorSpace.infer(new int[] {1}, false, NO_ADOBE, false)).isEqualTo(JpegColorSpace.GRAYSCALE);
    }

    @Test
    void three_components_follow_jfif_then_adobe_then_component_ids() {
        int[] rgbIds = {'R', 'G', 'B'};
        int[] numberedIds = {1, 2, 3};
        assertThat(JpegColorSpace.infer(rgbIds, true, 0, false)).isEqualTo(JpegColorSpace.YCBCR);
        assertThat(JpegColorSpace.infer(numberedIds, false, 0, false)).isEqualTo(JpegColorSpace.RGB);
        assertThat(JpegColorSpace.infer(numberedIds, false, 1, false)).isEqualTo(JpegColorSpace.YCBCR);
        assertThat(JpegColorSpace.infer(numberedIds, false, NO_ADOBE, false)).isEqualTo(JpegColorSpace.YCBCR);
        assertThat(JpegColorSpace.infer(rgbIds, false, NO_ADOBE, false)).isEqualTo(JpegColorSpace.RGB);
        assertThat(JpegColorSpace.infer(new int[] {7, 8, 9}, false, NO_ADOBE, false))
                .isEqualTo(JpegColorSpace.YCBCR);
        assertThat(JpegColorSpace.infer(numberedIds, false, NO_ADOBE, true)).isEqualTo(JpegColorSpace.RGB);
    }

    @Test
    void four_components_are_cmyk_unless_adobe_says_ycck() {
        int[] ids = {1, 2, 3, 4};
        assertThat(JpegColorSpace.infer(ids, false, NO_ADOBE, false)).isEqualTo(JpegColorSpace.CMYK);
        assertThat(JpegColorSpace.infer(ids, false, 0, false)).isEqualTo(JpegColorSpace.CMYK);
        assertThat(JpegColorSpace.infer(ids, false, 2, false)).isEqualTo(JpegColorSpace.YCCK);
    }

    @Test
    void two_components_are_unsupported() {
        assertThatThrownBy(() -> JpegColorSpace.infer(new int[] {1, 2}, false, NO_ADOBE, false))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("2 colour components");
    }

    @Test
    void cmyk_to_rgb_is_pillows_naive_formula() {
        // Pillow 13.0.0: Image.new("CMYK", (1, 1), (c, m, y, k)).convert("RGB").getpixel((0, 0))
        assertThat(JpegColorSpace.cmykToRgb(0, 0, 0, 0)).isEqualTo(0xFFFFFF);
        assertThat(JpegColorSpace.cmykToRgb(255, 255, 255, 0)).isEqualTo(0x000000);
        assertThat(JpegColorSpace.cmykToRgb(0, 0, 0, 255)).isEqualTo(0x000000);
        assertThat(JpegColorSpace.cmykToRgb(100, 50, 200, 60)).isEqualTo(rgb(119, 157, 42));
    }

    private static int rgb(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }
}
