package dev.loupe.ingest;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Embeds and stores the prepared photos of one import, batch by batch: thumbnails first, then the
 * records, so that a searchable record always has its thumbnail. A step that fails for a batch is
 * retried photo by photo, so one bad photo fails alone. Reports what happened instead of calling a
 * listener, so that it can run on a thread of its own: one that cancelling the import does not
 * interrupt, since an interrupt inside a store write can break an index (Lucene closes interrupted
 * file channels).
 */
final class BatchIndexer {

    private static final Logger LOG = Logger.getLogger(BatchIndexer.class);

    /** What became of one photo. */
    sealed interface Report permits Indexed, Failed {}

    record Indexed(PhotoSource photo) implements Report {}

    record Failed(PhotoSource photo, FailureReason reason, String message, boolean retryable) implements Report {

        Failed(PhotoSource photo, FetchException e) {
            this(photo, e.reason(), e.getMessage(), e.retryable());
        }
    }

    /** A step that may fail for a whole batch; see {@link #wholeOrOneByOne}. */
    @FunctionalInterface
    private interface BatchStep<T> {
        void apply(List<T> batch) throws FetchException;
    }

    private final String collection;
    private final PhotoEmbedder embedder;
    private final VectorStore store;
    private final ThumbnailStore thumbnails;
    private final String thumbnailUrlTemplate;
    private final Clock clock;
    // written by the indexing thread when it creates the collection, read by the import's thread
    private volatile Optional<CollectionStats> stats;

    BatchIndexer(
            String collection,
            PhotoEmbedder embedder,
            VectorStore store,
            ThumbnailStore thumbnails,
            String thumbnailUrlTemplate,
            Clock clock) {
        this.collection = collection;
        this.embedder = embedder;
        this.store = store;
        this.thumbnails = thumbnails;
        this.thumbnailUrlTemplate = thumbnailUrlTemplate;
        this.clock = clock;
        this.stats = store.stats(collection);
    }

    boolean collectionExists() {
        return stats.isPresent();
    }

    /** Embeds, stores thumbnails and upserts records; one report per photo, in no particular order. */
    List<Report> index(List<PreparedPhoto> prepared) {
        List<Report> reports = new ArrayList<>(prepared.size());
        Map<PreparedPhoto, float[]> vectors = new IdentityHashMap<>();
        List<PreparedPhoto> embedded = embed(prepared, vectors, reports);
        if (embedded.isEmpty()) {
            return reports;
        }
        try {
            ensureCollection(vectors.get(embedded.get(0)).length);
        } catch (FetchException e) {
            embedded.forEach(p -> reports.add(new Failed(p.source(), e)));
            return reports;
        }
        Instant now = clock.instant();
        List<PhotoRecord> records = new ArrayList<>(embedded.size());
        Map<PhotoRecord, PhotoSource> sources = new IdentityHashMap<>();
        for (PreparedPhoto photo : embedded) {
            try {
                if (photo.thumbnailJpeg() != null) {
                    thumbnails.put(collection, photo.source().photoId(), photo.thumbnailJpeg());
                }
            } catch (IOException | RuntimeException e) {
                reports.add(new Failed(
                        photo.source(), FailureReason.STORE, "the thumbnail cannot be stored: " + describe(e), true));
                continue;
            }
            PhotoRecord record = record(photo, vectors.get(photo), now);
            records.add(record);
            sources.put(record, photo.source());
        }
        List<PhotoRecord> stored = wholeOrOneByOne(records, sources::get, FailureReason.STORE, reports, batch -> {
            try {
                store.upsert(collection, batch);
            } catch (RuntimeException e) {
                throw new FetchException(FailureReason.STORE, "the vector store refused the photo: " + describe(e), e);
            }
        });
        stored.forEach(record -> reports.add(new Indexed(sources.get(record))));
        return reports;
    }

    /**
     * Embeds the batch; a photo the embedder refuses fails alone ({@link PhotoEmbedder#embedEach}).
     *
     * @return the photos that have a vector, in order
     */
    private List<PreparedPhoto> embed(
            List<PreparedPhoto> prepared, Map<PreparedPhoto, float[]> vectors, List<Report> reports) {
        boolean[] refused = new boolean[prepared.size()];
        float[][] result;
        try {
            result = embedder.embedEach(prepared, (index, why) -> {
                refused[index] = true;
                reports.add(new Failed(prepared.get(index).source(), why));
            });
        } catch (RuntimeException e) {
            // embedEach reports what it expects; this is a bug in an embedder
            LOG.errorf(e, "embedding a batch of %d failed", prepared.size());
            result = new float[prepared.size()][];
        }
        List<PreparedPhoto> embedded = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            float[] vector = result != null && result.length == prepared.size() ? result[i] : null;
            if (vector != null && !refused[i]) {
                vectors.put(prepared.get(i), vector);
                embedded.add(prepared.get(i));
            } else if (!refused[i]) {
                reports.add(new Failed(
                        prepared.get(i).source(),
                        FailureReason.EMBEDDING,
                        "the embedder returned no vector for the photo",
                        true));
            }
        }
        return embedded;
    }

    /**
     * Applies the step to the whole batch and, when that fails, to each item alone, reporting only the
     * items that fail alone.
     *
     * @return the items the step succeeded on, in order
     */
    private <T> List<T> wholeOrOneByOne(
            List<T> items,
            Function<T, PhotoSource> sourceOf,
            FailureReason reason,
            List<Report> reports,
            BatchStep<T> step) {
        if (items.isEmpty()) {
            return List.of();
        }
        try {
            step.apply(items);
            return items;
        } catch (FetchException | RuntimeException e) {
            if (items.size() == 1) {
                FetchException failure = e instanceof FetchException f ? f : new FetchException(reason, describe(e), e);
                reports.add(new Failed(sourceOf.apply(items.get(0)), failure));
                return List.of();
            }
            LOG.debugf("a batch of %d failed (%s); retrying one by one", items.size(), describe(e));
        }
        List<T> succeeded = new ArrayList<>();
        for (T item : items) {
            succeeded.addAll(wholeOrOneByOne(List.of(item), sourceOf, reason, reports, step));
        }
        return succeeded;
    }

    /** Creates the collection for this dimension if it does not exist, or checks that it fits. */
    private void ensureCollection(int dimensions) throws FetchException {
        if (stats.isEmpty()) {
            try {
                store.createCollection(CollectionSpec.of(collection, dimensions));
            } catch (CollectionConflictException e) {
                LOG.debugf("collection %s was created concurrently: %s", collection, e.getMessage());
            } catch (RuntimeException e) {
                throw new FetchException(
                        FailureReason.STORE, "collection " + collection + " cannot be created: " + describe(e), e);
            }
            stats = store.stats(collection);
            if (stats.isEmpty()) {
                throw new FetchException(FailureReason.STORE, "collection " + collection + " cannot be created");
            }
        }
        int expected = stats.get().spec().dimensions();
        if (expected != dimensions) {
            throw new FetchException(
                    FailureReason.STORE,
                    false, // the same photo, model and collection will never fit
                    "collection " + collection + " holds " + expected + "-dimensional vectors but model "
                            + embedder.modelId() + " makes " + dimensions
                            + "-dimensional ones; import into a collection made for this model",
                    null);
        }
    }

    private PhotoRecord record(PreparedPhoto photo, float[] vector, Instant now) {
        PhotoSource source = photo.source();
        PhotoMetadata metadata = source.metadata();
        // the source's size describes the original photo (a CDN may serve a smaller copy)
        boolean sized = metadata.width() != null && metadata.height() != null;
        return new PhotoRecord(
                source.photoId(),
                vector,
                collection,
                source.location().toString(),
                thumbnailUrl(source.photoId()),
                metadata.title(),
                metadata.description(),
                metadata.tags(),
                sized ? metadata.width() : photo.width(),
                sized ? metadata.height() : photo.height(),
                metadata.source(),
                metadata.takenAt(),
                now,
                photo.contentHash(),
                embedder.modelId(),
                metadata.extra());
    }

    private String thumbnailUrl(String photoId) {
        return thumbnailUrlTemplate == null
                ? null
                : thumbnailUrlTemplate
                        .replace("{collection}", pathSegment(collection))
                        .replace("{id}", pathSegment(photoId));
    }

    /** Percent-encodes all but letters, digits and {@code . - _}, so that an id with a slash stays one segment. */
    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
    }

    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
