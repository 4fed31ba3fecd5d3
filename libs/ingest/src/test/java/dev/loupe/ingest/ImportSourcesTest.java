package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the folder, Unsplash TSV and URL-list sources yield, and what they refuse. */
class ImportSourcesTest {

    @TempDir
    Path temp;

    @Test
    void a_folder_yields_its_images_tagged_by_first_subfolder_in_path_order() throws IOException {
        Path root = temp.resolve("fruit");
        write(root.resolve("apple/img_01.jpg"));
        write(root.resolve("apple/red/img_02.JPEG"));
        write(root.resolve("pear/img_03.png"));
        write(root.resolve("loose.webp"));
        write(root.resolve("apple/notes.txt"));
        write(root.resolve(".thumbnails/img_04.jpg"));
        write(root.resolve("pear/.hidden.jpg"));

        List<SourceItem> items = read(ImportSources.folder(root));

        assertThat(items)
                .containsExactly(
                        folderPhoto(root, "apple/img_01.jpg", "apple"),
                        folderPhoto(root, "apple/red/img_02.JPEG", "apple"),
                        folderPhoto(root, "loose.webp", null),
                        folderPhoto(root, "pear/img_03.png", "pear"));
    }

    @Test
    void a_folder_follows_links_to_files_inside_it_and_rejects_the_others() throws IOException {
        Path root = temp.resolve("photos");
        Path inside = write(root.resolve("cats/tom.jpg"));
        Path outside = write(temp.resolve("secret/passport.jpg"));
        Files.createSymbolicLink(root.resolve("cats/alias.jpg"), inside);
        Files.createSymbolicLink(root.resolve("cats/escape.jpg"), outside);
        Files.createSymbolicLink(root.resolve("linked"), outside.getParent());

        List<SourceItem> items = read(ImportSources.folder(root));

        assertThat(items).hasSize(4);
        assertThat(items.get(0)).isEqualTo(folderPhoto(root, "cats/alias.jpg", "cats"));
        assertThat(items.get(1)).isInstanceOfSatisfying(RejectedItem.class, r -> {
            assertThat(r.source()).isEqualTo("cats/escape.jpg");
            assertThat(r.reason()).startsWith("a symbolic link leading outside the import folder");
        });
        assertThat(items.get(2)).isEqualTo(folderPhoto(root, "cats/tom.jpg", "cats"));
        assertThat(items.get(3))
                .isEqualTo(
                        new RejectedItem("linked/", "a symbolic link to a folder; links to folders are not followed"));
    }

    @Test
    void a_missing_folder_cannot_be_read() {
        assertThatThrownBy(() -> read(ImportSources.folder(temp.resolve("absent"))))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("absent is not a folder");
    }

    @Test
    void the_unsplash_fixture_maps_columns_to_fields() throws IOException {
        List<SourceItem> items = read(
                ImportSources.unsplashTsv(new ByteArrayInputStream(TestPhotos.resource("unsplash/photos.tsv000"))));

        assertThat(items).hasSize(6);
        PhotoSource chair = (PhotoSource) items.get(1);
        assertThat(chair.photoId()).isEqualTo("1e4e6daa781");
        assertThat(chair.location()).isEqualTo(URI.create("http://photos.loupe.test/caltech_chair.jpg"));
        PhotoMetadata metadata = chair.metadata();
        assertThat(metadata.description()).isEqualTo("A \"wooden\"\tchair by the window");
        assertThat(metadata.title()).isEqualTo("a brown chair");
        assertThat(metadata.width()).isEqualTo(199);
        assertThat(metadata.height()).isEqualTo(300);
        assertThat(metadata.author()).isEqualTo("jane");
        assertThat(metadata.source()).isEqualTo("unsplash");
        assertThat(metadata.takenAt()).isEqualTo(Instant.parse("2021-01-06T10:54:53.211591Z"));
        assertThat(metadata.tags()).isEmpty();
        assertThat(metadata.extra())
                .containsEntry("photo_location_name", "Lake Bled, Slovenia")
                .containsEntry("photo_location_country", "Slovenia")
                .containsEntry("photo_location_city", "Bled")
                .containsEntry("exif_camera_make", "Canon")
                .containsEntry("photographer_first_name", "Jane")
                .containsEntry("photo_url", "http://photos.loupe.test/photos/1e4e6daa781")
                .doesNotContainKeys("photo_id", "photo_image_url", "photo_description", "ai_description");
        PhotoSource airplanes = (PhotoSource) items.get(0);
        assertThat(airplanes.metadata().takenAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(airplanes.metadata().description()).isNull();
        assertThat(items.get(5))
                .isEqualTo(new RejectedItem("TSV line 7 (no-url-row)", "photo_image_url: the URL is empty"));
    }

    @Test
    void tsv_rows_that_cannot_become_photos_are_rejected_with_their_line() throws IOException {
        String tsv = "photo_id\tphoto_image_url\tphoto_width\n"
                + "a\thttps://images.example/a.jpg\tnot-a-number\n"
                + "\n"
                + "b\tjavascript:alert(1)\t10\n"
                + "\thttps://images.example/c.jpg\t10\n"
                + "d\thttps://images.example/d.jpg\t10\textra\n"
                + "e\t\"https://images.example/e.jpg\"\t\"12\"\r\n";

        List<SourceItem> items = read(ImportSources.unsplashTsv(stream(tsv)));

        assertThat(items).hasSize(5);
        assertThat(((PhotoSource) items.get(0)).metadata().width()).isNull();
        assertThat(items.get(1))
                .isEqualTo(new RejectedItem(
                        "TSV line 4 (b)",
                        "photo_image_url: 'javascript:alert(1)' is not an absolute http, https or file URL"));
        assertThat(items.get(2)).isEqualTo(new RejectedItem("TSV line 5", "the row has no photo_id"));
        assertThat(items.get(3)).isEqualTo(new RejectedItem("TSV line 6", "the row has 4 fields, the header 3"));
        assertThat(items.get(4)).isInstanceOfSatisfying(PhotoSource.class, e -> {
            assertThat(e.location()).isEqualTo(URI.create("https://images.example/e.jpg"));
            assertThat(e.metadata().width()).isEqualTo(12);
        });
    }

    @Test
    void an_overlong_tsv_row_is_rejected_and_the_next_one_read() throws IOException {
        String tsv = "photo_id\tphoto_image_url\tphoto_description\n"
                + "a\thttps://images.example/a.jpg\t" + "x".repeat(UnsplashTsvSource.MAX_ROW_CHARS) + "\n"
                + "b\thttps://images.example/b.jpg\tfine\n";

        List<SourceItem> items = read(ImportSources.unsplashTsv(stream(tsv)));

        assertThat(items).hasSize(2);
        assertThat(items.get(0))
                .isEqualTo(new RejectedItem(
                        "TSV line 2", "the row is longer than " + UnsplashTsvSource.MAX_ROW_CHARS + " characters"));
        assertThat(((PhotoSource) items.get(1)).photoId()).isEqualTo("b");
    }

    @Test
    void a_tsv_without_the_required_columns_cannot_be_read() {
        assertThatThrownBy(() -> read(ImportSources.unsplashTsv(stream("id\turl\nx\thttps://a.example/x.jpg\n"))))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the TSV header lacks the column photo_id")
                .hasMessageEndingWith("its columns are id, url");
        assertThatThrownBy(() -> read(ImportSources.unsplashTsv(stream(""))))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the TSV is empty");
    }

    @Test
    void a_url_list_yields_photos_with_hashed_ids_and_rejects_what_is_not_a_url() throws IOException {
        List<SourceItem> items = read(ImportSources.urls(List.of(
                " https://images.example/a.jpg ",
                "",
                "# a comment",
                "file:///srv/photos/b.png",
                "not a url",
                "ftp://images.example/c.jpg",
                "http:///no-host.jpg")));

        assertThat(items).hasSize(5);
        assertThat(items.get(0))
                .isEqualTo(new PhotoSource(
                        "url-"
                                + ContentHash.sha256Hex("https://images.example/a.jpg".getBytes(StandardCharsets.UTF_8))
                                        .substring(0, 16),
                        URI.create("https://images.example/a.jpg"),
                        new PhotoMetadata(null, null, null, null, null, null, "url", null, null)));
        assertThat(((PhotoSource) items.get(1)).location()).isEqualTo(URI.create("file:///srv/photos/b.png"));
        assertThat(items.get(2))
                .isInstanceOfSatisfying(
                        RejectedItem.class, r -> assertThat(r.reason()).startsWith("'not a url' is not a valid URL"));
        assertThat(items.get(3))
                .isEqualTo(new RejectedItem(
                        "ftp://images.example/c.jpg",
                        "'ftp://images.example/c.jpg' is not an absolute http, https or file URL"));
        assertThat(items.get(4))
                .isEqualTo(new RejectedItem("http:///no-host.jpg", "'http:///no-host.jpg' has no valid host name"));
    }

    /** A folder photo: titled by its file name without the extension, tagged by its first folder. */
    private static PhotoSource folderPhoto(Path root, String relative, String tag) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return new PhotoSource(
                relative,
                root.resolve(relative).toUri(),
                new PhotoMetadata(
                        name.substring(0, name.lastIndexOf('.')),
                        null,
                        tag == null ? List.of() : List.of(tag),
                        null,
                        null,
                        null,
                        "folder",
                        null,
                        Map.of()));
    }

    private static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1, 2, 3});
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SourceItem> read(ImportSource source) throws IOException {
        List<SourceItem> items = new ArrayList<>();
        source.read(items::add);
        return items;
    }
}
