package dev.loupe.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eight orientations against Pillow 13.0.0's {@code ImageOps.exif_transpose} of the 3x2 image
 * [[1, 2, 3], [4, 5, 6]]; each expectation below is Pillow's result, row by row.
 */
class ExifOrientationTest {

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1 | 3 | 1,2,3,4,5,6",
                "2 | 3 | 3,2,1,6,5,4",
                "3 | 3 | 6,5,4,3,2,1",
                "4 | 3 | 4,5,6,1,2,3",
                "5 | 2 | 1,4,2,5,3,6",
                "6 | 2 | 4,1,5,2,6,3",
                "7 | 2 | 6,3,5,2,4,1",
                "8 | 2 | 3,6,2,5,1,4"
            })
    void transposes_as_pillow_exif_transpose(int tag, int uprightWidth, String uprightPixels) {
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        stored.getRaster().setDataElements(0, 0, 3, 2, new int[] {1, 2, 3, 4, 5, 6});

        BufferedImage upright = ExifOrientation.of(tag).apply(stored);

        assertThat(upright.getWidth()).isEqualTo(uprightWidth);
        assertThat(TestImages.pixels(upright))
                .containsExactly(Arrays.stream(uprightPixels.split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray());
    }

    @Test
    void values_outside_one_to_eight_mean_no_change() {
        assertThat(ExifOrientation.of(0)).isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(9)).isEqualTo(ExifOrientation.NORMAL);
    }

    @Test
    void reads_the_tag_in_either_byte_order() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            byte[] withExif = TestImages.withExifOrientation(jpeg, 6, order);
            int tiff = 2 + 4 + 6; // SOI, marker and length, "Exif\0\0"
            assertThat(ExifOrientation.read(withExif, tiff, withExif.length - tiff))
                    .as("%s", order)
                    .isEqualTo(ExifOrientation.ROTATE_CLOCKWISE);
        }
    }

    @Test
    void an_ifd_offset_past_the_segment_reads_as_normal() {
        byte[] tiff = {'I', 'I', 42, 0, (byte) 0xF0, (byte) 0xFF, 0, 0, 0, 0};

        assertThat(ExifOrientation.read(tiff, 0, tiff.length)).isEqualTo(ExifOrientation.NORMAL);
    }
}
