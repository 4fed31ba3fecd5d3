package dev.loupe.search.collection;

/** A duplicate scan was asked of a collection larger than the configured bound. */
public class DuplicateScanTooLargeException extends RuntimeException {

    public DuplicateScanTooLargeException(String collection, long count, int limit) {
        super("collection '" + collection + "' holds " + count + " photos; a duplicate scan covers at most " + limit
                + " (loupe.duplicates.max-records)");
    }
}
