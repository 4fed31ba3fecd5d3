package dev.loupe.ingest;

/**
 * Hears how an import goes. The pipeline calls it on the thread running {@link IngestPipeline#run},
 * never concurrently: {@link #total} once, then for every item exactly one of {@link #indexed},
 * {@link #skipped} or {@link #failed}.
 */
public interface IngestListener {

    /** How many items (photos and rejected entries) the source holds. */
    void total(long n);

    /** The photo was stored (its record is searchable and its thumbnail stored). */
    void indexed(PhotoSource p);

    /**
     * The photo was left alone: {@link IngestPipeline#UNCHANGED} when the stored record has the same
     * content hash and model, {@link IngestPipeline#DUPLICATE} when its id came earlier in the import.
     */
    void skipped(PhotoSource p, String reason);

    /**
     * The item failed alone.
     *
     * @param source the photo's location (URL or file URI), or a rejected entry's {@link
     *     RejectedItem#source()}
     * @param reason the kind of failure; rejected entries are {@link FailureReason#UNDECODABLE}
     * @param message what went wrong, for a person
     */
    void failed(String source, FailureReason reason, String message);

    /**
     * A photo failed alone. {@link IngestPipeline} reports every photo's failure here (and only a
     * rejected entry's through {@link #failed(String, FailureReason, String)}); the default passes the
     * photo's location on to that method.
     *
     * @param photo the photo, as the source yielded it
     * @param retryable whether the same photo may succeed later ({@link FetchException#retryable()}):
     *     a timeout, a 5xx, the embedder or the store unavailable, as opposed to a refusal or bad bytes
     */
    default void failed(PhotoSource photo, FailureReason reason, String message, boolean retryable) {
        failed(photo.location().toString(), reason, message);
    }
}
