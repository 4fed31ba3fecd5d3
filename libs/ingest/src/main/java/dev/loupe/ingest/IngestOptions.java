package dev.loupe.ingest;

/**
 * How an {@link IngestPipeline} batches and parallelises.
 *
 * @param batchSize photos per embedding call and per store write (1 to {@value #MAX_BATCH_SIZE})
 * @param fetchConcurrency photos fetched and decoded at once (1 to {@value #MAX_FETCH_CONCURRENCY})
 * @param thumbnailUrlTemplate the record's {@code thumbnailUrl}: {@code {id}} is replaced by the
 *     photo id and {@code {collection}} by the collection, both percent-encoded as path segments
 *     (e.g. {@code "/v1/photos/{id}/thumbnail"}); null stores no thumbnail URL
 */
public record IngestOptions(int batchSize, int fetchConcurrency, String thumbnailUrlTemplate) {

    /** Larger batches gain little throughput and hold more decoded images in memory. */
    public static final int MAX_BATCH_SIZE = 1024;

    /** More concurrent fetches than this is a denial of service, not an import. */
    public static final int MAX_FETCH_CONCURRENCY = 256;

    public IngestOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_SIZE);
        }
        if (fetchConcurrency < 1 || fetchConcurrency > MAX_FETCH_CONCURRENCY) {
            throw new IllegalArgumentException("fetchConcurrency must be between 1 and " + MAX_FETCH_CONCURRENCY);
        }
        if (thumbnailUrlTemplate != null && !thumbnailUrlTemplate.contains("{id}")) {
            throw new IllegalArgumentException("thumbnailUrlTemplate must contain {id}");
        }
    }

    /** Batches of 32, 8 fetches at once, thumbnails at {@code /v1/photos/{id}/thumbnail}. */
    public static IngestOptions defaults() {
        return new IngestOptions(32, 8, "/v1/photos/{id}/thumbnail");
    }
}
