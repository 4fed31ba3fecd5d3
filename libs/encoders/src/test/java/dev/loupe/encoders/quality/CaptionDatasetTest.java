package dev.loupe.encoders.quality;

import static dev.loupe.encoders.quality.MiniDatasets.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.encoders.quality.CaptionDataset.Caption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionDatasetTest {

    @TempDir
    Path temp;

    @Test
    void reads_the_gallery_in_order_of_first_mention_with_five_captions_each() {
        CaptionDataset dataset = CaptionDataset.read(MiniDatasets.flickr());

        assertThat(dataset.name()).isEqualTo("flickr-mini");
        assertThat(dataset.images())
                .containsExactly(
                        "1015584366_dfcec3c85a.jpg",
                        "124195430_d14028660f.jpg",
                        "1403414927_5f80281505.jpg",
                        "1562478713_505ab6d924.jpg",
                        "1947351225_288d788983.jpg",
                        "2085078076_b9db242d21.jpg");
        assertThat(dataset.captions()).hasSize(30);
        assertThat(dataset.captions().getFirst()).isEqualTo(new Caption("A black dog leaps over a log .", 0));
        for (int image = 0; image < 6; image++) {
            int index = image;
            assertThat(dataset.captions()).filteredOn(c -> c.image() == index).hasSize(5);
        }
    }

    @Test
    void quoted_captions_keep_their_commas() {
        CaptionDataset dataset = CaptionDataset.read(MiniDatasets.flickr());

        assertThat(dataset.captions().getLast())
                .isEqualTo(new Caption("On shore near brown water , boy holds object beside buckets of rags .", 5));
    }

    @Test
    void limit_keeps_the_captions_of_the_kept_images_renumbered() {
        CaptionDataset dataset = CaptionDataset.read(MiniDatasets.flickr()).limit(2);

        assertThat(dataset.images()).containsExactly("1015584366_dfcec3c85a.jpg", "1562478713_505ab6d924.jpg");
        assertThat(dataset.captions()).hasSize(10);
        assertThat(dataset.captions().get(5)).isEqualTo(new Caption("A man cooking food at his campsite .", 1));
    }

    @Test
    void a_missing_captions_file_is_named() {
        assertThatThrownBy(() -> CaptionDataset.read(temp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("captions.csv is missing")
                .hasMessageContaining("image,caption");
    }

    @Test
    void the_header_must_be_image_caption() {
        Path dir = MiniDatasets.copy(MiniDatasets.flickr(), temp.resolve("d"));
        write(dir.resolve("captions.csv"), "file,text", "1015584366_dfcec3c85a.jpg,A dog .");

        assertThatThrownBy(() -> CaptionDataset.read(dir))
                .hasMessageContaining("captions.csv:1: expected the header 'image,caption', got 'file,text'");
    }

    @Test
    void an_unquoted_comma_is_refused_with_its_line() {
        Path dir = MiniDatasets.copy(MiniDatasets.flickr(), temp.resolve("d"));
        write(dir.resolve("captions.csv"), "image,caption", "1015584366_dfcec3c85a.jpg,A dog , a log .");

        assertThatThrownBy(() -> CaptionDataset.read(dir))
                .hasMessageContaining("captions.csv:2: expected 2 fields (image,caption), got 3")
                .hasMessageContaining("quote");
    }

    @Test
    void rows_must_name_an_existing_image_and_say_something() {
        Path dir = MiniDatasets.copy(MiniDatasets.flickr(), temp.resolve("d"));

        write(dir.resolve("captions.csv"), "image,caption", "1015584366_dfcec3c85a.jpg,A dog .", "missing.jpg,A cat .");
        assertThatThrownBy(() -> CaptionDataset.read(dir))
                .hasMessageContaining("captions.csv:3: image 'missing.jpg' does not exist under");

        write(dir.resolve("captions.csv"), "image,caption", "1015584366_dfcec3c85a.jpg,  ");
        assertThatThrownBy(() -> CaptionDataset.read(dir))
                .hasMessageContaining("captions.csv:2: the image name and the caption must not be empty");

        write(dir.resolve("captions.csv"), "image,caption", "/etc/passwd,A file .");
        assertThatThrownBy(() -> CaptionDataset.read(dir)).hasMessageContaining("is not a path inside");
    }

    @Test
    void a_file_without_captions_is_refused() throws IOException {
        Path dir = MiniDatasets.copy(MiniDatasets.flickr(), temp.resolve("d"));

        Files.writeString(dir.resolve("captions.csv"), "");
        assertThatThrownBy(() -> CaptionDataset.read(dir)).hasMessageContaining("captions.csv is empty");

        write(dir.resolve("captions.csv"), "image,caption");
        assertThatThrownBy(() -> CaptionDataset.read(dir)).hasMessageContaining("has a header but no captions");
    }
}
