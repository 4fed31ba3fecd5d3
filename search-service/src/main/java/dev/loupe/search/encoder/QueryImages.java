package dev.loupe.search.encoder;

import dev.loupe.encoders.image.InvalidImageException;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.problem.ImageRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Embeds query images, refusing unusable ones with a problem that names the field they came from. */
@ApplicationScoped
public class QueryImages {

    private final QueryEncoder encoder;
    private final long maxBytes;

    QueryImages(QueryEncoder encoder, SearchConfig config) {
        this.encoder = encoder;
        this.maxBytes = config.limits().maxImageBytes().asLongValue();
    }

    /**
     * Embeds an uploaded image; an upload larger than the limit is refused from its size, unread.
     *
     * @throws ImageRejectedException when it is empty, too large, not an image, or corrupt
     */
    public float[] embed(UploadedImage upload) {
        if (upload.size() > maxBytes) {
            throw new ImageRejectedException(
                    upload.field(),
                    new InvalidImageException(
                            InvalidImageException.Reason.TOO_MANY_BYTES,
                            upload.size() + " bytes, more than the limit of " + maxBytes));
        }
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(upload.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload '" + upload.field() + "' from " + upload.file(), e);
        }
        return embed(upload.field(), encoded);
    }

    /**
     * Embeds encoded image bytes.
     *
     * @param field where they came from, for messages ({@code image}, {@code imageUrl})
     * @throws ImageRejectedException when they are empty, too large, not an image, or corrupt
     */
    public float[] embed(String field, byte[] encoded) {
        try {
            return encoder.embedImage(encoded);
        } catch (InvalidImageException e) {
            throw new ImageRejectedException(field, e);
        }
    }
}
