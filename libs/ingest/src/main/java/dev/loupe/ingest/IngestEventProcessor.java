package dev.loupe.ingest;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.VectorStore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Indexes a batch of events with the ingest library's {@link IngestPipeline}: events are grouped by
 * collection, each group is fetched (guarded, bounded concurrency), decoded, skipped when unchanged
 * (same content hash and model), embedded (through embedder-service in indexer-service, in process in
 * the standalone search-service) and upserted. A collection is
 * created on first use (cosine, the model's dimension, the configured index). Every failure becomes
 * a {@link EventOutcome.Failed} of its event, retryable when the same event may succeed later (a
 * 503, a timeout, the embedder or the store unavailable); nothing but an interrupt escapes {@link
 * #process}.
 */
public final class IngestEventProcessor {

    /** The skip reason of an event followed, in the same batch, by another for the same photo. */
    public static final String SUPERSEDED = "superseded by a later event for the same photo in this batch";

    private static final Logger LOG = Logger.getLogger(IngestEventProcessor.class);

    private final PhotoFetcher fetcher;
    private final PhotoPreparer preparer;
    private final PhotoEmbedder embedder;
    private final Supplier<VectorStore> store;
    private final ThumbnailStore thumbnails;
    private final IngestOptions options;
    private final IndexSettings index;

    /**
     * @param store the vector store, asked for on every batch; it may throw when the store is
     *     unavailable (the batch's events then fail as retryable STORE failures)
     * @param index the index of collections this processor creates
     */
    public IngestEventProcessor(
            PhotoFetcher fetcher,
            PhotoPreparer preparer,
            PhotoEmbedder embedder,
            Supplier<VectorStore> store,
            ThumbnailStore thumbnails,
            IngestOptions options,
            IndexSettings index) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.preparer = Objects.requireNonNull(preparer, "preparer");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.store = Objects.requireNonNull(store, "store");
        this.thumbnails = Objects.requireNonNull(thumbnails, "thumbnails");
        this.options = Objects.requireNonNull(options, "options");
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * @return exactly one outcome per event, in any order; never throws for a bad photo (only for a
     *     bug or an interrupt)
     */
    public List<EventOutcome> process(List<PhotoIngested> events) throws InterruptedException {
        Outcomes outcomes = new Outcomes(events);
        // collection -> photo id -> the last event for it; earlier ones are superseded
        Map<String, Map<String, PhotoIngested>> groups = new LinkedHashMap<>();
        Map<PhotoIngested, PhotoSource> sources = new IdentityHashMap<>();
        for (PhotoIngested event : events) {
            PhotoSource source;
            try {
                source = event.photoSource();
            } catch (IllegalArgumentException e) {
                outcomes.fail(event, FailureReason.REFUSED_SCHEME, e.getMessage(), false);
                continue;
            }
            sources.put(event, source);
            PhotoIngested earlier = groups.computeIfAbsent(event.collection(), c -> new LinkedHashMap<>())
                    .put(event.photoId(), event);
            if (earlier != null) {
                outcomes.set(new EventOutcome.Skipped(earlier, SUPERSEDED));
            }
        }
        if (groups.isEmpty()) {
            return outcomes.all();
        }
        int dimensions;
        VectorStore vectors;
        try {
            dimensions = embedder.dimensions();
            vectors = store.get();
        } catch (FetchException e) {
            outcomes.failPending(e.reason(), e.getMessage(), e.retryable());
            return outcomes.all();
        } catch (RuntimeException e) {
            outcomes.failPending(FailureReason.STORE, "the vector store is unavailable: " + describe(e), true);
            return outcomes.all();
        }
        IngestPipeline pipeline = new IngestPipeline(fetcher, preparer, embedder, vectors, thumbnails, options);
        for (Map.Entry<String, Map<String, PhotoIngested>> group : groups.entrySet()) {
            index(pipeline, vectors, dimensions, group.getKey(), group.getValue(), sources, outcomes);
        }
        return outcomes.all();
    }

    private void index(
            IngestPipeline pipeline,
            VectorStore vectors,
            int dimensions,
            String collection,
            Map<String, PhotoIngested> byPhotoId,
            Map<PhotoIngested, PhotoSource> sources,
            Outcomes outcomes)
            throws InterruptedException {
        List<PhotoIngested> events = List.copyOf(byPhotoId.values());
        try {
            ensureCollection(vectors, collection, dimensions);
        } catch (FetchException e) {
            events.forEach(event -> outcomes.fail(event, e.reason(), e.getMessage(), e.retryable()));
            return;
        }
        try {
            pipeline.run(
                    collection,
                    sink -> events.forEach(event -> sink.accept(sources.get(event))),
                    new Listener(byPhotoId, outcomes));
        } catch (CancellationException e) {
            throw new InterruptedException(e.getMessage());
        } catch (RuntimeException e) {
            // the store failed where the pipeline does not expect it (its first stats call)
            LOG.warnf("indexing %d events into %s failed: %s", events.size(), collection, describe(e));
            for (PhotoIngested event : events) {
                if (!outcomes.has(event)) {
                    outcomes.fail(event, FailureReason.STORE, "indexing failed: " + describe(e), true);
                }
            }
        }
    }

    /**
     * Creates the collection for the model when it does not exist.
     *
     * @throws FetchException STORE: retryable when the store fails, permanent when the name is not
     *     valid or the collection holds vectors of another dimension
     */
    private void ensureCollection(VectorStore vectors, String collection, int dimensions) throws FetchException {
        CollectionSpec spec;
        try {
            spec = new CollectionSpec(collection, dimensions, Metric.COSINE, index);
        } catch (IllegalArgumentException e) {
            throw new FetchException(FailureReason.STORE, false, e.getMessage(), e);
        }
        Optional<CollectionStats> stats;
        try {
            stats = vectors.stats(collection);
            if (stats.isEmpty()) {
                try {
                    vectors.createCollection(spec);
                    LOG.infof("created collection %s (%d dimensions, %s)", collection, dimensions, index);
                } catch (CollectionConflictException e) {
                    LOG.debugf("collection %s was created concurrently", collection);
                }
                stats = vectors.stats(collection);
            }
        } catch (RuntimeException e) {
            throw new FetchException(
                    FailureReason.STORE, "collection " + collection + " cannot be read or created: " + describe(e), e);
        }
        if (stats.isEmpty()) {
            throw new FetchException(FailureReason.STORE, "collection " + collection + " cannot be created");
        }
        int held = stats.get().spec().dimensions();
        if (held != dimensions) {
            throw new FetchException(
                    FailureReason.STORE,
                    false,
                    "collection " + collection + " holds " + held + "-dimensional vectors but model "
                            + embedder.modelId() + " makes " + dimensions + "-dimensional ones",
                    null);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Maps the pipeline's reports of one collection back to its events (photo ids are unique there). */
    private static final class Listener implements IngestListener {

        private final Map<String, PhotoIngested> byPhotoId;
        private final Outcomes outcomes;

        Listener(Map<String, PhotoIngested> byPhotoId, Outcomes outcomes) {
            this.byPhotoId = byPhotoId;
            this.outcomes = outcomes;
        }

        @Override
        public void total(long n) {
            // the batch's size is known
        }

        @Override
        public void indexed(PhotoSource p) {
            outcomes.set(new EventOutcome.Indexed(byPhotoId.get(p.photoId())));
        }

        @Override
        public void skipped(PhotoSource p, String reason) {
            outcomes.set(new EventOutcome.Skipped(byPhotoId.get(p.photoId()), reason));
        }

        @Override
        public void failed(PhotoSource p, FailureReason reason, String message, boolean retryable) {
            outcomes.fail(byPhotoId.get(p.photoId()), reason, message, retryable);
        }

        @Override
        public void failed(String source, FailureReason reason, String message) {
            // only rejected import entries are reported this way, and events yield none
            LOG.warnf("unexpected failure of %s: %s", source, message);
        }
    }

    /** One outcome per event, by identity (two events may be equal). */
    private static final class Outcomes {

        private final List<PhotoIngested> events;
        private final Map<IngestEvent, EventOutcome> outcomes = new IdentityHashMap<>();

        Outcomes(List<PhotoIngested> events) {
            this.events = events;
        }

        void set(EventOutcome outcome) {
            Objects.requireNonNull(outcome.event(), "an outcome of an unknown photo");
            outcomes.put(outcome.event(), outcome);
        }

        void fail(PhotoIngested event, FailureReason reason, String message, boolean retryable) {
            set(new EventOutcome.Failed(event, reason, message, retryable));
        }

        boolean has(PhotoIngested event) {
            return outcomes.containsKey(event);
        }

        void failPending(FailureReason reason, String message, boolean retryable) {
            for (PhotoIngested event : events) {
                if (!has(event)) {
                    fail(event, reason, message, retryable);
                }
            }
        }

        /** In event order; an event nothing was reported for (a bug) fails retryably rather than vanish. */
        List<EventOutcome> all() {
            List<EventOutcome> all = new ArrayList<>(events.size());
            for (PhotoIngested event : events) {
                EventOutcome outcome = outcomes.get(event);
                if (outcome == null) {
                    LOG.errorf("no outcome for event %s (photo %s); failing it", event.eventId(), event.photoId());
                    outcome = new EventOutcome.Failed(event, FailureReason.STORE, "no outcome was reported", true);
                }
                all.add(outcome);
            }
            return all;
        }
    }
}
