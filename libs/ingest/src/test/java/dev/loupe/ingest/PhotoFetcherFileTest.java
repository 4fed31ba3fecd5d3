package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file: URLs are read only under the configured roots, judged on the real path. */
class PhotoFetcherFileTest {

    @TempDir
    Path temp;

    private Path root;
    private Path outside;

    @BeforeEach
    void layOut() throws IOException {
        root = Files.createDirectories(temp.resolve("photos/fruit"));
        outside = Files.createDirectories(temp.resolve("private"));
        Files.write(root.resolve("apple.jpg"), TestPhotos.bytes("caltech_chair.jpg"));
        Files.write(outside.resolve("secret.jpg"), TestPhotos.bytes("caltech_watch.jpg"));
    }

    @Test
    void reads_a_file_under_a_root() throws FetchException {
        FetchedPhoto photo = fetcher(List.of(root), 1024 * 1024)
                .fetch(root.resolve("apple.jpg").toUri());

        assertThat(photo.bytes()).isEqualTo(TestPhotos.bytes("caltech_chair.jpg"));
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void refuses_every_file_without_roots() {
        assertRefused(fetcher(List.of(), 1024 * 1024), root.resolve("apple.jpg").toUri(), "no folders are configured");
    }

    @Test
    void refuses_files_outside_the_roots() {
        assertRefused(
                fetcher(List.of(root), 1024 * 1024),
                outside.resolve("secret.jpg").toUri(),
                "is outside");
    }

    @Test
    void refuses_dot_dot_escapes() {
        URI escape = URI.create(root.toUri() + "../../private/secret.jpg");

        assertRefused(fetcher(List.of(root), 1024 * 1024), escape, "is outside");
    }

    @Test
    void refuses_symbolic_links_leading_out_of_the_roots() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("pear.jpg"), outside.resolve("secret.jpg"));
        Files.createSymbolicLink(root.resolve("elsewhere"), outside);

        PhotoFetcher fetcher = fetcher(List.of(root), 1024 * 1024);

        assertRefused(fetcher, link.toUri(), "is a link to");
        assertRefused(fetcher, root.resolve("elsewhere/secret.jpg").toUri(), "is a link to");
    }

    @Test
    void follows_symbolic_links_that_stay_under_the_roots() throws IOException, FetchException {
        Path link = Files.createSymbolicLink(root.resolve("alias.jpg"), root.resolve("apple.jpg"));

        assertThat(fetcher(List.of(root), 1024 * 1024).fetch(link.toUri()).bytes())
                .isEqualTo(TestPhotos.bytes("caltech_chair.jpg"));
    }

    @Test
    void refuses_missing_files_and_folders() {
        PhotoFetcher fetcher = fetcher(List.of(root), 1024 * 1024);

        assertRefused(fetcher, root.resolve("absent.jpg").toUri(), "there is no file at");
        assertRefused(fetcher, root.toUri(), "is not a regular file");
    }

    @Test
    void refuses_files_larger_than_the_limit() {
        FetchException refused = catchThrowableOfType(
                FetchException.class,
                () -> fetcher(List.of(root), 1000)
                        .fetch(root.resolve("apple.jpg").toUri()));

        assertThat(refused.reason()).isEqualTo(FailureReason.TOO_LARGE);
        assertThat(refused.getMessage()).endsWith("is larger than the limit of 1000 bytes");
    }

    private static void assertRefused(PhotoFetcher fetcher, URI location, String why) {
        FetchException refused = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(location));

        assertThat(refused).as(location.toString()).isNotNull();
        assertThat(refused.reason()).isEqualTo(FailureReason.REFUSED_PATH);
        assertThat(refused.getMessage()).contains(why);
    }

    private static PhotoFetcher fetcher(List<Path> roots, long maxBytes) {
        FetchPolicy policy =
                new FetchPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), maxBytes, 3, false, roots, "LoupeTest");
        return new PhotoFetcher(policy, host -> {
            throw new AssertionError("file URLs resolve nothing");
        });
    }
}
