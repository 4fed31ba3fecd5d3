package dev.loupe.embedder.service;

import dev.loupe.encoders.image.InvalidImageException;

/** One image of a request could not be used; the whole request is refused, naming that image. */
public class ImageRejectedException extends RuntimeException {

    private static final int MAX_ECHOED_NAME = 80; // characters of a client's file name quoted back

    private final int index;
    private final InvalidImageException.Reason reason;

    public ImageRejectedException(int index, String fileName, InvalidImageException cause) {
        super(describe(index, fileName) + ": " + cause.getMessage(), cause);
        this.index = index;
        this.reason = cause.reason();
    }

    /** The zero-based position of the image among the request's {@code file} parts. */
    public int index() {
        return index;
    }

    public InvalidImageException.Reason reason() {
        return reason;
    }

    private static String describe(int index, String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "image " + index;
        }
        // the name comes from the client: keep it short and printable before echoing it
        String printable = fileName.codePoints()
                .limit(MAX_ECHOED_NAME)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return "image " + index + " ('" + printable + "')";
    }
}
