package dev.loupe.encoders.image;

import static dev.loupe.encoders.image.TestImages.encode;
import static dev.loupe.encoders.image.TestImages.pattern;
import static dev.loupe.encoders.image.TestImages.pixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.loupe.encoders.TestBundles;
import dev.loupe.encoders.image.InvalidImageException.Reason;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** What the decoder refuses, why, and that it says so in words a person can act on. */
class ImageDecoderRefusalTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    @Test
    void zero_bytes_are_empty() {
        assertRefused(decoder, new byte[0], Reason.EMPTY).hasMessageContaining("empty");
    }

    @Test
    void more_bytes_than_the_limit_are_refused_before_decoding() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(1000, 50_000_000));
        byte[] jpeg = TestBundles.goldenImage("caltech_chair.jpg");

        assertRefused(small, jpeg, Reason.TOO_MANY_BYTES)
                .hasMessage("image is " + jpeg.length + " bytes; the limit is 1000");
    }

    @Test
    void a_png_claiming_60000_by_60000_pixels_is_refused_from_its_header() {
        byte[] bomb = PngBytes.header(60_000, 60_000, 8, PngBytes.RGB)
                .rows(new byte[60_000 * 3]) // one row of the 60000: what a bomb would start with
                .end();

        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> assertRefused(decoder, bomb, Reason.TOO_MANY_PIXELS)
                        .hasMessage("image is 60000x60000 = 3600000000 pixels; the limit is 50000000"));
    }

    @Test
    void a_jpeg_claiming_too_many_pixels_is_refused_from_its_frame_header() {
        byte[] jpeg = encode(pattern(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg");
        int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
        // SOF0: length (2), precision (1), height (2), width (2)
        jpeg[sof + 5] = (byte) 0xFD;
        jpeg[sof + 6] = (byte) 0xE8; // height 65000
        jpeg[sof + 7] = (byte) 0xFD;
        jpeg[sof + 8] = (byte) 0xE8; // width 65000

        assertRefused(decoder, jpeg, Reason.TOO_MANY_PIXELS).hasMessageContaining("65000x65000");
    }

    @Test
    void the_pixel_limit_is_configurable() {
        ImageDecoder tiny = new ImageDecoder(new ImageLimits(1 << 20, 100));

        assertRefused(tiny, encode(pattern(11, 10, BufferedImage.TYPE_INT_RGB), "png"), Reason.TOO_MANY_PIXELS)
                .hasMessage("image is 11x10 = 110 pixels; the limit is 100");
        assertThat(tiny.decode(encode(pattern(10, 10, BufferedImage.TYPE_INT_RGB), "png"))
                        .getWidth())
                .isEqualTo(10);
    }

    @Test
    void an_html_page_is_an_unsupported_format_and_named_as_html() {
        byte[] html = """
                <!DOCTYPE html>
                <html><head><title>404 Not Found</title></head><body>Not Found</body></html>
                """.getBytes(StandardCharsets.UTF_8);

        assertRefused(decoder, html, Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("HTML")
                .hasMessageContaining("<!DOCTYPE html>");
    }

    @Test
    void plain_text_is_an_unsupported_format_and_named_as_text() {
        byte[] text = "Access denied: your token has expired.\n".getBytes(StandardCharsets.UTF_8);

        assertRefused(decoder, text, Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("text")
                .hasMessageContaining("Access denied");
    }

    @Test
    void unknown_binary_data_is_an_unsupported_format_listing_the_supported_ones() {
        byte[] bytes = {0x00, 0x00, 0x01, 0x02, (byte) 0xFE, 0x7F, 0x10, 0x20};

        assertRefused(decoder, bytes, Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("00 00 01 02")
                .hasMessageContaining("JPEG, PNG, GIF, BMP, WebP");
    }

    @Test
    void a_heic_photo_is_named_as_unsupported() {
        byte[] heic = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};

        assertRefused(decoder, heic, Reason.UNSUPPORTED_FORMAT).hasMessageContaining("HEIC");
    }

    @Test
    void a_truncated_jpeg_is_corrupt_not_half_grey() {
        byte[] jpeg = TestBundles.goldenImage("flickr_1947351225_288d788983.jpg");

        assertRefused(decoder, Arrays.copyOf(jpeg, jpeg.length * 6 / 10), Reason.CORRUPT)
                .hasMessageContaining("truncated");
    }

    @Test
    void a_jpeg_missing_only_its_end_marker_is_corrupt() {
        byte[] jpeg = TestBundles.goldenImage("caltech_chair.jpg");

        assertRefused(decoder, Arrays.copyOf(jpeg, jpeg.length - 2), Reason.CORRUPT)
                .hasMessageContaining("truncated");
    }

    @Test
    void a_jpeg_whose_image_data_stops_early_is_corrupt() {
        // the first 60% of the file, then an end-of-image marker: the markers look whole, the scan
        // is not, and the reader would fill the rest with grey
        byte[] jpeg = TestBundles.goldenImage("caltech_pizza.jpg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 6 / 10 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;

        assertRefused(decoder, cut, Reason.CORRUPT).hasMessageContaining("ends early");
    }

    @Test
    void bytes_after_the_end_of_a_jpeg_are_tolerated() {
        byte[] jpeg = TestBundles.goldenImage("caltech_watch.jpg");
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 100); // zeros, as some cameras append

        assertThat(pixels(decoder.decode(padded))).isEqualTo(pixels(decoder.decode(jpeg)));
    }

    @Test
    void arithmetic_coded_and_twelve_bit_jpegs_are_unsupported_by_name() {
        byte[] arithmetic = encode(pattern(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg");
        arithmetic[indexOf(arithmetic, (byte) 0xFF, (byte) 0xC0) + 1] = (byte) 0xC9; // SOF9
        byte[] twelveBit = encode(pattern(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg");
        twelveBit[indexOf(twelveBit, (byte) 0xFF, (byte) 0xC0) + 4] = 12; // sample precision

        assertRefused(decoder, arithmetic, Reason.UNSUPPORTED_FORMAT).hasMessageContaining("arithmetic-coded");
        assertRefused(decoder, twelveBit, Reason.UNSUPPORTED_FORMAT).hasMessageContaining("12-bit");
    }

    @Test
    void a_jpeg_without_a_frame_is_corrupt() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

        assertRefused(decoder, jpeg, Reason.CORRUPT);
    }

    @Test
    void a_truncated_png_is_corrupt() {
        byte[] png = TestBundles.goldenImage("tux_a.png");

        assertRefused(decoder, Arrays.copyOf(png, png.length / 2), Reason.CORRUPT)
                .hasMessageContaining("PNG image is corrupt");
    }

    @Test
    void a_png_with_damaged_image_data_is_corrupt() {
        byte[] png = encode(pattern(64, 64, BufferedImage.TYPE_INT_RGB), "png");
        int data = indexOf(png, (byte) 'I', (byte) 'D', (byte) 'A', (byte) 'T') + 4;
        for (int i = data + 10; i < data + 40; i++) {
            png[i] ^= 0x5A;
        }

        assertRefused(decoder, png, Reason.CORRUPT);
    }

    @Test
    void truncated_gif_bmp_and_webp_are_corrupt() {
        byte[] gif = encode(pattern(64, 64, BufferedImage.TYPE_BYTE_INDEXED), "gif");
        byte[] bmp = encode(pattern(64, 64, BufferedImage.TYPE_3BYTE_BGR), "bmp");
        byte[] webp = TestImages.resource("lossy.webp");

        assertRefused(decoder, Arrays.copyOf(gif, gif.length / 2), Reason.CORRUPT);
        assertRefused(decoder, Arrays.copyOf(bmp, bmp.length / 2), Reason.CORRUPT);
        assertRefused(decoder, Arrays.copyOf(webp, webp.length / 2), Reason.CORRUPT);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            ImageDecoder decoder, byte[] bytes, Reason reason) {
        return assertThatThrownBy(() -> decoder.decode(bytes))
                .isInstanceOfSatisfying(
                        InvalidImageException.class,
                        e -> assertThat(e.reason())
                                .as("reason for: %s", e.getMessage())
                                .isEqualTo(reason));
    }

    private static int indexOf(byte[] bytes, byte... needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found: " + Arrays.toString(needle));
    }
}
