package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileThumbnailStoreTest {

    @TempDir
    Path temp;

    @Test
    void stores_replaces_and_returns_thumbnails_by_collection_and_id() throws IOException {
        FileThumbnailStore store = new FileThumbnailStore(temp.resolve("thumbs"));

        store.put("fruit", "apple/img_01.jpg", new byte[] {1});
        store.put("fruit", "apple/img_01.jpg", new byte[] {2});
        store.put("other", "apple/img_01.jpg", new byte[] {3});

        assertThat(store.get("fruit", "apple/img_01.jpg"))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(2));
        assertThat(store.get("other", "apple/img_01.jpg"))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(3));
        assertThat(store.get("fruit", "apple/img_02.jpg")).isEmpty();
    }

    @Test
    void hostile_ids_and_collection_names_stay_inside_the_folder() throws IOException {
        Path dir = temp.resolve("thumbs");
        FileThumbnailStore store = new FileThumbnailStore(dir);

        store.put("../escape", "../../../etc/passwd", new byte[] {1});
        store.put("fruit", "/absolute/path.jpg", new byte[] {2});
        store.put("fruit", "..", new byte[] {3});

        try (Stream<Path> files = Files.walk(temp)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(3).allMatch(file -> file.startsWith(dir));
        }
        assertThat(store.get("../escape", "../../../etc/passwd")).isPresent();
        assertThat(store.get("fruit", ".."))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(3));
    }

    @Test
    void deleting_a_collection_removes_only_its_thumbnails() throws IOException {
        FileThumbnailStore store = new FileThumbnailStore(temp);
        store.put("fruit", "a", new byte[] {1});
        store.put("fruits", "a", new byte[] {2});

        store.deleteCollection("fruit");
        store.deleteCollection("never_created");

        assertThat(store.get("fruit", "a")).isEmpty();
        assertThat(store.get("fruits", "a")).isPresent();
    }
}
