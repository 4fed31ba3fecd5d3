package dev.loupe.ingest;

import java.util.List;

/**
 * Turns prepared photos into embeddings: in process ({@link ModelPhotoEmbedder}) or through the
 * embedder service. Implementations are thread-safe.
 */
public interface PhotoEmbedder {

    /** The id of the model the vectors come from, stored with every record (dedup compares it). */
    String modelId();

    /**
     * Embeds the photos as one batch.
     *
     * @return one L2-normalised vector per photo, in order, all of the same length
     * @throws FetchException EMBEDDING when the model or the service fails; the pipeline then retries
     *     the photos one by one
     */
    float[][] embed(List<PreparedPhoto> photos) throws FetchException;
}
