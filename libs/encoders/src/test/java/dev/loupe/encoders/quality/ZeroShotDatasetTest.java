package dev.loupe.encoders.quality;

import static dev.loupe.encoders.quality.MiniDatasets.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.encoders.quality.ZeroShotDataset.ClassLabel;
import dev.loupe.encoders.quality.ZeroShotDataset.LabelledImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroShotDatasetTest {

    @TempDir
    Path temp;

    @Test
    void reads_classes_templates_and_the_split_skipping_the_header() {
        ZeroShotDataset dataset = ZeroShotDataset.read(MiniDatasets.caltech());

        assertThat(dataset.name()).isEqualTo("caltech-mini");
        assertThat(dataset.split()).isEqualTo("test.txt");
        assertThat(dataset.classes())
                .containsExactly(
                        new ClassLabel("animal", "animal"),
                        new ClassLabel("object", "everyday object"),
                        new ClassLabel("food", "food"));
        assertThat(dataset.templates()).containsExactly("a photo of a {}.", "a drawing of the {}.");
        assertThat(dataset.images())
                .containsExactly(
                        new LabelledImage("animal/image_0001.jpg", 0),
                        new LabelledImage("animal/image_0002.jpg", 0),
                        new LabelledImage("object/image_0001.jpg", 1),
                        new LabelledImage("object/image_0002.jpg", 1),
                        new LabelledImage("food/image_0001.jpg", 2));
        assertThat(dataset.imagesDir().resolve("food/image_0001.jpg")).isRegularFile();
    }

    @Test
    void prompts_put_the_class_name_into_every_template() {
        ZeroShotDataset dataset = ZeroShotDataset.read(MiniDatasets.caltech());

        assertThat(dataset.prompts(1))
                .containsExactly("a photo of a everyday object.", "a drawing of the everyday object.");
    }

    @Test
    void reads_another_split_file_crlf_and_blank_lines_included() throws IOException {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("d"));
        Files.writeString(dir.resolve("train.txt"), "\r\nobject/image_0003.jpg\r\n\r\n");

        ZeroShotDataset dataset = ZeroShotDataset.read(dir, "train.txt");

        assertThat(dataset.split()).isEqualTo("train.txt");
        assertThat(dataset.images()).containsExactly(new LabelledImage("object/image_0003.jpg", 1));
    }

    @Test
    void limit_spreads_the_images_over_the_split() {
        ZeroShotDataset dataset = ZeroShotDataset.read(MiniDatasets.caltech()).limit(2);

        assertThat(dataset.images())
                .extracting(LabelledImage::file)
                .containsExactly("animal/image_0001.jpg", "object/image_0001.jpg");
        assertThat(dataset.classes()).hasSize(3);
        assertThat(ZeroShotDataset.read(MiniDatasets.caltech()).limit(50).images())
                .hasSize(5);
        assertThatThrownBy(() -> dataset.limit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_missing_file_is_named() throws IOException {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("d"));
        Files.delete(dir.resolve("templates.txt"));

        assertThatThrownBy(() -> ZeroShotDataset.read(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("templates.txt is missing")
                .hasMessageContaining("{}");
        assertThatThrownBy(() -> ZeroShotDataset.read(dir, "val.txt")).hasMessageContaining("templates.txt");
        assertThatThrownBy(() -> ZeroShotDataset.read(temp.resolve("nowhere")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("classnames.tsv is missing");
    }

    @Test
    void a_class_row_without_a_tab_is_refused_with_its_line() {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("d"));
        write(dir.resolve("classnames.tsv"), "folder\tclassname", "animal\tanimal", "object everyday object");

        assertThatThrownBy(() -> ZeroShotDataset.read(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("classnames.tsv:3: expected 'folder<TAB>class name'");
    }

    @Test
    void a_class_listed_twice_is_refused() {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("d"));
        write(dir.resolve("classnames.tsv"), "animal\tanimal", "object\tthing", "animal\tbeast");

        assertThatThrownBy(() -> ZeroShotDataset.read(dir))
                .hasMessageContaining("classnames.tsv:3: folder 'animal' is listed twice (first on line 1)");
    }

    @Test
    void fewer_than_two_classes_are_refused() {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("d"));
        write(dir.resolve("classnames.tsv"), "animal\tanimal");

        assertThatThrownBy(() -> ZeroShotDataset.read(dir))
                .hasMessageContaining("classnames.tsv lists 1 class; zero-shot classification needs at least two");
    }

    @Test
    void a_template_without_a_placeholder_is_refused() {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("d"));
        write(dir.resolve("templates.txt"), "a photo of a {}.", "a photo of something.");

        assertThatThrownBy(() -> ZeroShotDataset.read(dir))
                .hasMessageContaining("templates.txt:2: template 'a photo of something.' has no {}");
    }

    @Test
    void split_rows_must_name_a_known_folder_and_an_existing_image_inside_the_dataset() {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("d"));

        write(dir.resolve("test.txt"), "animal/image_0001.jpg", "plant/image_0001.jpg");
        assertThatThrownBy(() -> ZeroShotDataset.read(dir))
                .hasMessageContaining("test.txt:2: folder 'plant' is not listed in classnames.tsv");

        write(dir.resolve("test.txt"), "animal/image_0009.jpg");
        assertThatThrownBy(() -> ZeroShotDataset.read(dir))
                .hasMessageContaining("test.txt:1: image 'animal/image_0009.jpg' does not exist");

        write(dir.resolve("test.txt"), "image_0001.jpg");
        assertThatThrownBy(() -> ZeroShotDataset.read(dir)).hasMessageContaining("test.txt:1: expected folder/file");

        write(dir.resolve("test.txt"), "animal/../../classnames.tsv");
        assertThatThrownBy(() -> ZeroShotDataset.read(dir)).hasMessageContaining("is not a path inside");

        write(dir.resolve("test.txt"), "");
        assertThatThrownBy(() -> ZeroShotDataset.read(dir)).hasMessageContaining("test.txt lists no images");
    }

    @Test
    void text_that_is_not_utf8_is_refused() throws IOException {
        Path dir = MiniDatasets.copy(MiniDatasets.caltech(), temp.resolve("d"));
        Files.write(dir.resolve("classnames.tsv"), new byte[] {'a', '\t', (byte) 0xC3, '\n'});

        assertThatThrownBy(() -> ZeroShotDataset.read(dir)).hasMessageContaining("classnames.tsv is not UTF-8");
    }
}
