package dev.loupe.search.encoder;

import dev.loupe.search.problem.InvalidRequestException;
import java.nio.file.Path;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * An image uploaded as a multipart part, as the HTTP layer stored it.
 *
 * @param field the part's name, for messages ({@code image})
 * @param file the uploaded bytes on local disk (removed by the HTTP layer after the request)
 * @param size its length in bytes
 */
public record UploadedImage(String field, Path file, long size) {

    /**
     * The one image uploaded as the parts named {@code field}.
     *
     * @return null when there is none
     * @throws InvalidRequestException when there are several
     */
    public static UploadedImage single(String field, List<FileUpload> parts) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        if (parts.size() > 1) {
            throw InvalidRequestException.invalid(field, "send one image part, got " + parts.size());
        }
        FileUpload part = parts.getFirst();
        return new UploadedImage(field, part.uploadedFile(), part.size());
    }
}
