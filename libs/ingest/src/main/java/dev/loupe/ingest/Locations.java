package dev.loupe.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Parses the photo locations imports and events carry, and shortens them for messages. */
final class Locations {

    /** Longer URLs are refused: no photo host needs them, and they would bloat records and logs. */
    static final int MAX_LENGTH = 8 * 1024;

    private static final int SHOWN_LENGTH = 200; // enough to recognise a URL in a message

    private Locations() {}

    /**
     * The location as a URI.
     *
     * @throws IllegalArgumentException when it is not an absolute http, https (with a host) or file
     *     URI; the message says which, for a person
     */
    static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the URL is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' has no valid host name");
                }
            }
            case "file" -> {
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' names no file");
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "'" + abbreviate(text) + "' is not an absolute http, https or file URL");
        }
        return uri;
    }

    /** The deterministic photo id of a URL-list entry: {@code url-} and 16 hex digits of its SHA-256. */
    static String urlPhotoId(String url) {
        return "url-"
                + ContentHash.sha256Hex(url.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** The text cut to a readable length, with anything unprintable replaced. */
    static String abbreviate(Object value) {
        String text = String.valueOf(value);
        String cut = text.length() > SHOWN_LENGTH ? text.substring(0, SHOWN_LENGTH) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
