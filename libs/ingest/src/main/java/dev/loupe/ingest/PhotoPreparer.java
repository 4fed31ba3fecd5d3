package dev.loupe.ingest;

import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.InvalidImageException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;

/**
 * Decodes fetched bytes (within the decoder's byte and pixel limits) and makes the thumbnail, unless
 * made {@link #withoutThumbnails}. Thread-safe.
 */
public final class PhotoPreparer {

    /** Below this a thumbnail shows nothing; above it, it is no longer a thumbnail. */
    private static final int MIN_EDGE = 16;

    private static final int MAX_EDGE = 2048;

    private final ImageDecoder decoder;
    private final int thumbnailEdge; // 0: no thumbnails

    /**
     * @param thumbnailEdge the longer side of thumbnails in pixels, {@value #MIN_EDGE} to {@value
     *     #MAX_EDGE}; smaller images keep their size
     */
    public PhotoPreparer(ImageDecoder decoder, int thumbnailEdge) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (thumbnailEdge < MIN_EDGE || thumbnailEdge > MAX_EDGE) {
            throw new IllegalArgumentException(
                    "thumbnailEdge must be between " + MIN_EDGE + " and " + MAX_EDGE + ", got " + thumbnailEdge);
        }
        this.thumbnailEdge = thumbnailEdge;
    }

    private PhotoPreparer(ImageDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.thumbnailEdge = 0;
    }

    /**
     * A preparer that only decodes (the photo's check, and its width and height): for a pipeline that
     * stores no thumbnails, which then spends no CPU on scaling and encoding them.
     */
    public static PhotoPreparer withoutThumbnails(ImageDecoder decoder) {
        return new PhotoPreparer(decoder);
    }

    /**
     * Decodes the photo and makes its thumbnail.
     *
     * @throws FetchException UNDECODABLE, with the decoder's reason (empty, truncated, too many pixels,
     *     HTML or text instead of an image...)
     */
    public PreparedPhoto prepare(PhotoSource source, FetchedPhoto fetched) throws FetchException {
        BufferedImage image;
        try {
            image = decoder.decode(fetched.bytes());
        } catch (InvalidImageException e) {
            throw new FetchException(FailureReason.UNDECODABLE, e.getMessage(), e);
        }
        byte[] thumbnail = null;
        try {
            if (thumbnailEdge > 0) {
                thumbnail = Thumbnails.jpeg(image, thumbnailEdge);
            }
        } catch (IOException e) {
            throw new FetchException(
                    FailureReason.UNDECODABLE, "the thumbnail cannot be encoded: " + e.getMessage(), e);
        }
        return new PreparedPhoto(
                source,
                fetched.bytes(),
                image,
                ContentHash.sha256Hex(fetched.bytes()),
                image.getWidth(),
                image.getHeight(),
                thumbnail);
    }
}
