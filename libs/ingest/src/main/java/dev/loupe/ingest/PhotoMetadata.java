package dev.loupe.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an import knows about a photo besides its pixels. Every field but {@code tags} and {@code
 * extra} may be null; those two are never null and are immutable copies.
 *
 * @param width the original photo's width in pixels as the source states it (the fetched file may be
 *     a resized copy); null when the source does not say
 * @param height likewise
 * @param source where the photo came from: {@code "folder"}, {@code "unsplash"}, {@code "url"} or what
 *     an event names
 * @param takenAt when the photo was taken or submitted
 * @param extra further string metadata (an Unsplash row's other columns, an event's extra fields)
 */
public record PhotoMetadata(
        String title,
        String description,
        List<String> tags,
        Integer width,
        Integer height,
        String author,
        String source,
        Instant takenAt,
        Map<String, String> extra) {

    /** Nothing known. */
    public static final PhotoMetadata EMPTY = new PhotoMetadata(null, null, null, null, null, null, null, null, null);

    public PhotoMetadata {
        tags = tags == null ? List.of() : List.copyOf(tags);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
