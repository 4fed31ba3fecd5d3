package dev.loupe.ingest;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A photo decoded and ready to embed.
 *
 * @param bytes the fetched file's bytes
 * @param image the decoded, upright RGB image
 * @param contentHash lower-case hex SHA-256 of {@code bytes}, what dedup compares
 * @param width the decoded image's width in pixels (after the EXIF orientation)
 * @param height likewise
 * @param thumbnailJpeg a JPEG whose longer side is at most the preparer's thumbnail edge; null from
 *     a preparer {@link PhotoPreparer#withoutThumbnails without thumbnails}
 */
public record PreparedPhoto(
        PhotoSource source,
        byte[] bytes,
        BufferedImage image,
        String contentHash,
        int width,
        int height,
        byte[] thumbnailJpeg) {

    public PreparedPhoto {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
