package dev.loupe.encoders.image;

import static dev.loupe.encoders.image.TestImages.encode;
import static dev.loupe.encoders.image.TestImages.pattern;
import static dev.loupe.encoders.image.TestImages.pillowRgb;
import static dev.loupe.encoders.image.TestImages.pixels;
import static dev.loupe.encoders.image.TestImages.resource;
import static dev.loupe.encoders.image.TestImages.withApp1;
import static dev.loupe.encoders.image.TestImages.withExifOrientation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.encoders.TestBundles;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each supported format decodes to the RGB that PIL's {@code convert("RGB")} gives. Files made by
 * Pillow come with Pillow's decoding beside them (see {@code formats/make_fixtures.py}); the rest are
 * built here, where the expected RGB follows from how they were built.
 */
class ImageDecoderFormatsTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {"cmyk.jpg", "ycck.jpg", "icc.jpg", "lossless.webp", "rgba.webp"})
    void decodes_exactly_as_pillow(String file) {
        BufferedImage rgb = decoder.decode(resource(file));

        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(pixels(rgb)).as(file).containsExactly(pillowRgb(file));
    }

    @Test
    void lossy_webp_decodes_close_to_libwebp() {
        BufferedImage rgb = decoder.decode(resource("lossy.webp"));

        // TwelveMonkeys' VP8 decoder upsamples chroma by repetition where libwebp interpolates
        // ("fancy upsampling"), so lossy WebP is near Pillow's decoding, not identical
        int[] expected = pillowRgb("lossy.webp");
        int[] actual = pixels(rgb);
        assertThat(actual).hasSameSizeAs(expected);
        long sum = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((actual[i] >> shift & 0xFF) - (expected[i] >> shift & 0xFF));
            }
        }
        assertThat(sum / (3.0 * expected.length)).as("mean |Δ| in 8-bit levels").isLessThan(3.5);
    }

    @Test
    void baseline_jpeg_matches_libjpeg_through_the_golden_preprocessing() {
        // the golden fidelity test covers colour JPEGs bit for bit; here: the result type and size
        BufferedImage rgb = decoder.decode(TestBundles.goldenImage("caltech_airplanes.jpg"));

        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb.getWidth()).isEqualTo(391);
        assertThat(rgb.getHeight()).isEqualTo(148);
    }

    @Test
    void grayscale_jpeg_replicates_its_grey_into_three_channels() throws IOException {
        byte[] jpeg = encode(pattern(40, 30, BufferedImage.TYPE_BYTE_GRAY), "jpeg");
        // the grey samples as libjpeg decodes them, without Java2D's gamma handling of grey images
        int[] grey = ImageIO.read(new java.io.ByteArrayInputStream(jpeg))
                .getRaster()
                .getSamples(0, 0, 40, 30, 0, (int[]) null);

        int[] rgb = pixels(decoder.decode(jpeg));

        for (int i = 0; i < grey.length; i++) {
            assertThat(rgb[i]).as("pixel %d", i).isEqualTo(grey[i] * 0x010101);
        }
    }

    @Test
    void palette_png_looks_colours_up_and_ignores_their_transparency() {
        byte[] png = PngBytes.header(3, 2, 8, PngBytes.PALETTE)
                .palette(0xFF0000, 0x00FF00, 0x0000FF, 0x123456)
                .transparency((byte) 0, (byte) 128)
                .rows(new byte[] {0, 1, 2}, new byte[] {3, 2, 1})
                .end();

        assertThat(pixels(decoder.decode(png)))
                .containsExactly(0xFF0000, 0x00FF00, 0x0000FF, 0x123456, 0x0000FF, 0x00FF00);
    }

    @Test
    void four_bit_palette_png_unpacks_its_indices() {
        byte[] png = PngBytes.header(3, 1, 4, PngBytes.PALETTE)
                .palette(0x000000, 0x101010, 0xABCDEF)
                .rows(new byte[] {0x21, 0x00}) // indices 2, 1, 0
                .end();

        assertThat(pixels(decoder.decode(png))).containsExactly(0xABCDEF, 0x101010, 0x000000);
    }

    @Test
    void rgba_png_drops_alpha_without_compositing() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00C08040); // fully transparent, colour kept
        argb.setRGB(1, 0, 0x80102030);

        assertThat(pixels(decoder.decode(encode(argb, "png")))).containsExactly(0xC08040, 0x102030);
    }

    @Test
    void sixteen_bit_png_keeps_the_high_byte_of_each_sample() {
        byte[] rgb16 = PngBytes.header(2, 1, 16, PngBytes.RGB)
                .rows(new byte[] {
                    (byte) 0xAB, 0x01, 0x12, (byte) 0xFF, 0x00, 0x7F, 0x01, 0x00, (byte) 0xFF, 0x00, 0x7F, 0x7F
                })
                .end();
        byte[] rgba16 = PngBytes.header(1, 1, 16, PngBytes.RGBA)
                .rows(new byte[] {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x00, 0x00})
                .end();
        // Pillow clips 16-bit grey to 255 instead (a long-standing I;16 -> RGB quirk); the high byte
        // keeps the picture
        byte[] grey16 = PngBytes.header(2, 1, 16, PngBytes.GREY)
                .rows(new byte[] {(byte) 0x80, 0x7F, 0x03, 0x00})
                .end();

        assertThat(pixels(decoder.decode(rgb16))).containsExactly(0xAB1200, 0x01FF7F);
        assertThat(pixels(decoder.decode(rgba16))).containsExactly(0x103050);
        assertThat(pixels(decoder.decode(grey16))).containsExactly(0x808080, 0x030303);
    }

    @Test
    void grey_with_alpha_png_replicates_the_grey() {
        byte[] png = PngBytes.header(2, 1, 8, PngBytes.GREY_ALPHA)
                .rows(new byte[] {0x40, 0x00, (byte) 0xC0, (byte) 0xFF})
                .end();

        assertThat(pixels(decoder.decode(png))).containsExactly(0x404040, 0xC0C0C0);
    }

    @Test
    void gif_decodes_its_first_frame() throws IOException {
        IndexColorModel palette = new IndexColorModel(
                2, 4, new byte[] {(byte) 255, 0, 0, 9}, new byte[] {0, (byte) 255, 0, 9}, new byte[] {
                    0, 0, (byte) 255, 9
                });
        // 8 rows: ImageIO's GIF reader mis-orders interlaced images of 2 to 4 rows (its writer
        // interlaces by default); Pillow reads those right, but no photo is that small
        int[] indices = new int[2 * 8];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i % 3;
        }
        BufferedImage first = new BufferedImage(2, 8, BufferedImage.TYPE_BYTE_BINARY, palette);
        first.getRaster().setSamples(0, 0, 2, 8, 0, indices);
        BufferedImage second = new BufferedImage(2, 8, BufferedImage.TYPE_BYTE_BINARY, palette);
        second.getRaster().setSamples(0, 0, 2, 8, 0, new int[2 * 8]);

        int[] rgb = pixels(decoder.decode(animatedGif(first, second)));

        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF};
        for (int i = 0; i < indices.length; i++) {
            assertThat(rgb[i]).as("pixel %d", i).isEqualTo(colours[indices[i]]);
        }
    }

    @Test
    void bmp_decodes_exactly() {
        BufferedImage image = pattern(13, 7, BufferedImage.TYPE_3BYTE_BGR);

        BufferedImage rgb = decoder.decode(encode(image, "bmp"));

        assertThat(pixels(rgb)).containsExactly(pixels(copyAsIntRgb(image)));
    }

    @Test
    void exif_orientation_6_turns_the_photo_clockwise() {
        // 48x32: whole 16x16 blocks, so the JPEG's pixels do not depend on the position of an edge
        byte[] stored = encode(pattern(48, 32, BufferedImage.TYPE_INT_RGB), "jpeg");
        int[] plain = pixels(decoder.decode(stored));

        BufferedImage upright = decoder.decode(withExifOrientation(stored, 6, ByteOrder.BIG_ENDIAN));

        assertThat(upright.getWidth()).isEqualTo(32);
        assertThat(upright.getHeight()).isEqualTo(48);
        // turning clockwise brings the stored bottom-left corner to the top-left
        int[] rotated = pixels(upright);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(rotated[y * 32 + x]).as("(%d, %d)", x, y).isEqualTo(plain[(31 - x) * 48 + y]);
            }
        }
    }

    @Test
    void exif_orientation_8_in_little_endian_exif_turns_the_photo_counter_clockwise() {
        byte[] stored = encode(pattern(48, 32, BufferedImage.TYPE_INT_RGB), "jpeg");
        int[] plain = pixels(decoder.decode(stored));

        int[] rotated = pixels(decoder.decode(withExifOrientation(stored, 8, ByteOrder.LITTLE_ENDIAN)));

        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(rotated[y * 32 + x]).as("(%d, %d)", x, y).isEqualTo(plain[x * 48 + (47 - y)]);
            }
        }
    }

    @Test
    void malformed_exif_is_ignored() {
        byte[] stored = encode(pattern(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg");
        byte[] garbage = {'M', 'M', 0, 42, 0x7F, (byte) 0xFF, (byte) 0xFF, 0, 1, 2};

        BufferedImage rgb = decoder.decode(withApp1(stored, garbage));

        assertThat(pixels(rgb)).containsExactly(pixels(decoder.decode(stored)));
    }

    @Test
    void decodes_concurrently_with_the_same_results() throws Exception {
        List<String> files = List.of(
                "caltech_Faces_easy.jpg",
                "caltech_accordion.jpg",
                "flickr_1947351225_288d788983.jpg",
                "tux_a.png",
                "tux_b.png");
        List<int[]> sequential = new ArrayList<>();
        for (String file : files) {
            sequential.add(pixels(decoder.decode(TestBundles.goldenImage(file))).clone());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (String file : files) {
                    results.add(pool.submit(() -> pixels(decoder.decode(TestBundles.goldenImage(file)))));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get())
                        .as(files.get(i % files.size()))
                        .isEqualTo(sequential.get(i % files.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] animatedGif(BufferedImage... frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage copyAsIntRgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }
}
