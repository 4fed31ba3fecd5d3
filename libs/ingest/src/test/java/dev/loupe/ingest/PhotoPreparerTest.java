package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoPreparerTest {

    private static final PhotoSource SOURCE =
            new PhotoSource("chair", URI.create("file:///photos/chair.jpg"), PhotoMetadata.EMPTY);

    private final PhotoPreparer preparer = new PhotoPreparer(new ImageDecoder(ImageLimits.DEFAULT), 64);

    @Test
    void decodes_hashes_and_makes_a_jpeg_thumbnail_within_the_edge() throws FetchException, IOException {
        byte[] bytes = TestPhotos.bytes("caltech_chair.jpg");

        PreparedPhoto photo = preparer.prepare(SOURCE, new FetchedPhoto(SOURCE.location(), bytes, null));

        assertThat(photo.width()).isEqualTo(199);
        assertThat(photo.height()).isEqualTo(300);
        assertThat(photo.contentHash()).hasSize(64).isEqualTo(ContentHash.sha256Hex(bytes));
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(photo.thumbnailJpeg()));
        assertThat(thumbnail.getHeight()).isEqualTo(64);
        assertThat(thumbnail.getWidth()).isEqualTo(42); // 199 * 64 / 300, rounded
    }

    @Test
    void a_preparer_without_thumbnails_checks_and_measures_the_photo_but_makes_none() throws FetchException {
        byte[] bytes = TestPhotos.bytes("caltech_chair.jpg");

        PreparedPhoto photo = PhotoPreparer.withoutThumbnails(new ImageDecoder(ImageLimits.DEFAULT))
                .prepare(SOURCE, new FetchedPhoto(SOURCE.location(), bytes, null));

        assertThat(photo.width()).isEqualTo(199);
        assertThat(photo.height()).isEqualTo(300);
        assertThat(photo.contentHash()).isEqualTo(ContentHash.sha256Hex(bytes));
        assertThat(photo.thumbnailJpeg()).isNull();
    }

    @Test
    void small_images_keep_their_size_in_the_thumbnail() throws FetchException, IOException {
        PreparedPhoto photo = new PhotoPreparer(new ImageDecoder(ImageLimits.DEFAULT), 256)
                .prepare(SOURCE, new FetchedPhoto(SOURCE.location(), TestPhotos.bytes("tux_b.png"), "image/png"));

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(photo.thumbnailJpeg()));
        assertThat(thumbnail.getWidth()).isEqualTo(80);
        assertThat(thumbnail.getHeight()).isEqualTo(162);
    }

    @Test
    void undecodable_bytes_fail_with_the_decoders_reason() {
        FetchException failed = catchThrowableOfType(
                FetchException.class,
                () -> preparer.prepare(SOURCE, new FetchedPhoto(SOURCE.location(), TestPhotos.html(), "text/html")));

        assertThat(failed.reason()).isEqualTo(FailureReason.UNDECODABLE);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.getMessage()).contains("HTML or XML");
    }

    @Test
    void thumbnail_edges_are_bounded() {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        assertThatThrownBy(() -> new PhotoPreparer(decoder, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhotoPreparer(decoder, 10_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
