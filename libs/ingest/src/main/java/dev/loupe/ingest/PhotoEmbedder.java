package dev.loupe.ingest;

import java.util.List;

/**
 * Turns prepared photos into embeddings: in process ({@link ModelPhotoEmbedder}) or through the
 * embedder service. Implementations are thread-safe.
 */
public interface PhotoEmbedder {

    /** Receives a photo {@link #embedEach} could not embed. */
    @FunctionalInterface
    interface Refusals {

        /** @param index the photo's position in the batch */
        void refused(int index, FetchException why);
    }

    /** The id of the model the vectors come from, stored with every record (dedup compares it). */
    String modelId();

    /**
     * The length of the vectors.
     *
     * @throws FetchException EMBEDDING when the model (or the service serving it) cannot say yet
     */
    int dimensions() throws FetchException;

    /**
     * Embeds the photos as one batch.
     *
     * @return one L2-normalised vector per photo, in order, all of the same length
     * @throws FetchException EMBEDDING when the model or the service fails; or the reason of the photo
     *     at fault (UNDECODABLE, TOO_LARGE) when the embedder refuses one
     */
    float[][] embed(List<PreparedPhoto> photos) throws FetchException;

    /**
     * Embeds the photos so that a photo that fails fails alone. The default embeds the batch and, when
     * that fails, each photo alone; an implementation that learns which photo is at fault (the
     * embedder service names it) can retry the others together instead.
     *
     * @param refusals told of every photo that gets no vector, once each
     * @return one vector per photo, in order, null exactly where the photo was refused; the vectors
     *     are L2-normalised and of one length
     */
    default float[][] embedEach(List<PreparedPhoto> photos, Refusals refusals) {
        try {
            return checked(embed(photos), photos.size());
        } catch (FetchException | RuntimeException e) {
            if (photos.size() == 1) {
                refusals.refused(0, asFetchException(e));
                return new float[1][];
            }
        }
        float[][] vectors = new float[photos.size()][];
        for (int i = 0; i < photos.size(); i++) {
            int index = i;
            vectors[i] = embedEach(List.of(photos.get(i)), (ignored, why) -> refusals.refused(index, why))[0];
        }
        return vectors;
    }

    private static float[][] checked(float[][] vectors, int expected) throws FetchException {
        if (vectors == null || vectors.length != expected) {
            throw new FetchException(
                    FailureReason.EMBEDDING,
                    "the embedder returned " + (vectors == null ? "nothing" : vectors.length + " vectors") + " for "
                            + expected + " photos");
        }
        for (float[] vector : vectors) {
            if (vector == null || vector.length != vectors[0].length || vector.length < 2) {
                throw new FetchException(FailureReason.EMBEDDING, "the embedder returned vectors of unequal lengths");
            }
        }
        return vectors;
    }

    private static FetchException asFetchException(Exception e) {
        return e instanceof FetchException f
                ? f
                : new FetchException(
                        FailureReason.EMBEDDING,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                        e);
    }
}
