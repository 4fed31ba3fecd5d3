package dev.loupe.ingest;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Imports photos into a collection: reads the source, fetches and decodes with bounded concurrency,
 * skips photos whose stored record has the same bytes and model, embeds in batches, stores thumbnails
 * and upserts records. A bad photo fails alone, with a reason: a batch the embedder or the store
 * refuses is retried photo by photo, so one bad photo cannot fail its neighbours.
 *
 * <p>The next batch is fetched while the current one is embedded, so at most two batches of decoded
 * images are held at once. The collection is created (cosine, default index settings) with the
 * embedder's dimension when it does not exist. Thread-safe: runs may go on concurrently.
 */
public final class IngestPipeline {

    /** The skip reason of a photo whose stored record has the same content hash and model id. */
    public static final String UNCHANGED = "unchanged";

    /** The skip reason of a photo whose id an earlier item of the same import already had. */
    public static final String DUPLICATE = "duplicate photo id in this import";

    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);

    private final PhotoFetcher fetcher;
    private final PhotoPreparer preparer;
    private final PhotoEmbedder embedder;
    private final VectorStore store;
    private final ThumbnailStore thumbnails;
    private final IngestOptions options;
    private final Clock clock;

    public IngestPipeline(
            PhotoFetcher fetcher,
            PhotoPreparer preparer,
            PhotoEmbedder embedder,
            VectorStore store,
            ThumbnailStore thumbnails,
            IngestOptions options) {
        this(fetcher, preparer, embedder, store, thumbnails, options, Clock.systemUTC());
    }

    IngestPipeline(
            PhotoFetcher fetcher,
            PhotoPreparer preparer,
            PhotoEmbedder embedder,
            VectorStore store,
            ThumbnailStore thumbnails,
            IngestOptions options,
            Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.preparer = Objects.requireNonNull(preparer, "preparer");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.store = Objects.requireNonNull(store, "store");
        this.thumbnails = Objects.requireNonNull(thumbnails, "thumbnails");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Imports every item of the source into the collection, reporting each to the listener (see
     * {@link IngestListener} for the order). Returns when every item is indexed, skipped or failed.
     *
     * @throws IllegalArgumentException when the collection name is not valid for a vector store
     * @throws UncheckedIOException when the source as a whole cannot be read; its message says why
     * @throws CancellationException when the calling thread is interrupted (how an import is
     *     cancelled); the interrupt flag stays set and photos already indexed stay indexed
     */
    public void run(String collection, ImportSource source, IngestListener listener) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listener, "listener");
        // the dimension is a placeholder: this only checks the name against the stores' rule
        CollectionSpec.of(Objects.requireNonNull(collection, "collection"), 2);
        List<SourceItem> items = new ArrayList<>();
        try {
            source.read(items::add);
        } catch (IOException e) {
            throw new UncheckedIOException("the import source cannot be read: " + e.getMessage(), e);
        }
        checkCancelled(collection);
        Tally tally = new Tally(listener);
        tally.total(items.size());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(
                options.fetchConcurrency(),
                Thread.ofVirtual().name("loupe-ingest-fetch-", 0).factory());
        try {
            new Run(collection, tally, pool).ingest(items);
            LOG.infof("import into %s: %s in %d ms", collection, tally, (System.nanoTime() - start) / 1_000_000);
        } catch (CancellationException e) {
            LOG.infof("import into %s cancelled: %s", collection, tally);
            throw e;
        } finally {
            pool.shutdownNow(); // interrupts fetches in flight when cancelled: their sockets close
        }
    }

    /** Passes every report on and counts them, for the run's closing log line. */
    private static final class Tally implements IngestListener {

        private final IngestListener listener;
        private long indexed;
        private long skipped;
        private long failed;

        Tally(IngestListener listener) {
            this.listener = listener;
        }

        @Override
        public void total(long n) {
            listener.total(n);
        }

        @Override
        public void indexed(PhotoSource p) {
            indexed++;
            listener.indexed(p);
        }

        @Override
        public void skipped(PhotoSource p, String reason) {
            skipped++;
            listener.skipped(p, reason);
        }

        @Override
        public void failed(String source, FailureReason reason, String message) {
            failed++;
            listener.failed(source, reason, message);
        }

        @Override
        public String toString() {
            return indexed + " indexed, " + skipped + " skipped, " + failed + " failed";
        }
    }

    /** What fetching and preparing one photo came to. */
    private sealed interface Outcome {}

    private record Prepared(PreparedPhoto photo) implements Outcome {}

    private record Skipped(PhotoSource photo, String reason) implements Outcome {}

    private record Failed(PhotoSource photo, FailureReason reason, String message) implements Outcome {}

    /** A batch being fetched. */
    private record Batch(List<PhotoSource> photos, List<Future<Outcome>> outcomes) {}

    /** A stored record's dedup key. */
    private record Stored(String contentHash, String modelId) {}

    /** A batch step that may fail as a whole; see {@link Run#wholeOrOneByOne}. */
    @FunctionalInterface
    private interface BatchStep<T> {
        void apply(List<T> batch) throws FetchException;
    }

    /** The state of one {@link #run}: its collection's dimension once known. */
    private final class Run {

        private final String collection;
        private final IngestListener listener;
        private final ExecutorService pool;
        private Optional<CollectionStats> stats;

        Run(String collection, IngestListener listener, ExecutorService pool) {
            this.collection = collection;
            this.listener = listener;
            this.pool = pool;
            this.stats = store.stats(collection);
        }

        void ingest(List<SourceItem> items) {
            Set<String> seen = new HashSet<>();
            Deque<Batch> inFlight = new ArrayDeque<>();
            List<PhotoSource> pending = new ArrayList<>();
            for (SourceItem item : items) {
                checkCancelled(collection);
                switch (item) {
                    case RejectedItem rejected ->
                        listener.failed(rejected.source(), FailureReason.UNDECODABLE, rejected.reason());
                    case PhotoSource photo -> {
                        if (!seen.add(photo.photoId())) {
                            listener.skipped(photo, DUPLICATE);
                        } else {
                            pending.add(photo);
                        }
                    }
                }
                if (pending.size() == options.batchSize()) {
                    inFlight.add(submit(pending));
                    pending = new ArrayList<>();
                    if (inFlight.size() > 1) {
                        finish(inFlight.poll());
                    }
                }
            }
            if (!pending.isEmpty()) {
                inFlight.add(submit(pending));
            }
            while (!inFlight.isEmpty()) {
                finish(inFlight.poll());
            }
        }

        /** Starts fetching a batch; the stored dedup keys are read here, in one call per batch. */
        private Batch submit(List<PhotoSource> photos) {
            Map<String, Stored> stored = stored(photos);
            List<Future<Outcome>> outcomes = new ArrayList<>(photos.size());
            for (PhotoSource photo : photos) {
                Stored previous = stored.get(photo.photoId());
                outcomes.add(pool.submit(() -> fetchAndPrepare(photo, previous)));
            }
            return new Batch(photos, outcomes);
        }

        private Map<String, Stored> stored(List<PhotoSource> photos) {
            if (stats.isEmpty()) {
                return Map.of();
            }
            Map<String, Stored> stored = new HashMap<>();
            try {
                for (PhotoRecord record : store.get(
                        collection, photos.stream().map(PhotoSource::photoId).toList())) {
                    stored.put(record.id(), new Stored(record.contentHash(), record.modelId()));
                }
            } catch (RuntimeException e) {
                // without the keys every photo is re-indexed: slower, never wrong
                LOG.warnf("cannot read stored records of %s to skip unchanged photos: %s", collection, e.getMessage());
            }
            return stored;
        }

        private Outcome fetchAndPrepare(PhotoSource photo, Stored previous) {
            try {
                FetchedPhoto fetched = fetcher.fetch(photo.location());
                if (previous != null
                        && embedder.modelId().equals(previous.modelId())
                        && ContentHash.sha256Hex(fetched.bytes()).equals(previous.contentHash())) {
                    return new Skipped(photo, UNCHANGED);
                }
                return new Prepared(preparer.prepare(photo, fetched));
            } catch (FetchException e) {
                return new Failed(photo, e.reason(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf(e, "unexpected failure preparing %s", photo.location());
                return new Failed(photo, FailureReason.UNDECODABLE, "the photo cannot be prepared: " + describe(e));
            }
        }

        private void finish(Batch batch) {
            List<PreparedPhoto> prepared = new ArrayList<>();
            for (int i = 0; i < batch.photos().size(); i++) {
                switch (await(batch.photos().get(i), batch.outcomes().get(i))) {
                    case Prepared p -> prepared.add(p.photo());
                    case Skipped s -> listener.skipped(s.photo(), s.reason());
                    case Failed f -> fail(f.photo(), f.reason(), f.message());
                }
            }
            if (!prepared.isEmpty()) {
                index(prepared);
            }
        }

        private Outcome await(PhotoSource photo, Future<Outcome> outcome) {
            try {
                return outcome.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled(collection);
            } catch (ExecutionException e) {
                return new Failed(photo, FailureReason.UNDECODABLE, "the photo cannot be prepared: " + describe(e));
            }
        }

        private void index(List<PreparedPhoto> prepared) {
            Map<PreparedPhoto, float[]> vectors = new IdentityHashMap<>();
            List<PreparedPhoto> embedded =
                    wholeOrOneByOne(prepared, PreparedPhoto::source, FailureReason.EMBEDDING, batch -> {
                        float[][] result = checkedVectors(embedder.embed(batch), batch.size());
                        for (int i = 0; i < batch.size(); i++) {
                            vectors.put(batch.get(i), result[i]);
                        }
                    });
            if (embedded.isEmpty()) {
                return;
            }
            try {
                ensureCollection(vectors.get(embedded.get(0)).length);
            } catch (FetchException e) {
                embedded.forEach(p -> fail(p.source(), e.reason(), e.getMessage()));
                return;
            }
            Instant now = clock.instant();
            List<PhotoRecord> records = new ArrayList<>(embedded.size());
            Map<PhotoRecord, PhotoSource> sources = new IdentityHashMap<>();
            for (PreparedPhoto photo : embedded) {
                try {
                    thumbnails.put(collection, photo.source().photoId(), photo.thumbnailJpeg());
                } catch (IOException | RuntimeException e) {
                    fail(photo.source(), FailureReason.STORE, "the thumbnail cannot be stored: " + describe(e));
                    continue;
                }
                PhotoRecord record = record(photo, vectors.get(photo), now);
                records.add(record);
                sources.put(record, photo.source());
            }
            List<PhotoRecord> stored = wholeOrOneByOne(records, sources::get, FailureReason.STORE, batch -> {
                try {
                    store.upsert(collection, batch);
                } catch (RuntimeException e) {
                    throw new FetchException(
                            FailureReason.STORE, "the vector store refused the photo: " + describe(e), e);
                }
            });
            stored.forEach(record -> listener.indexed(sources.get(record)));
        }

        /**
         * Applies the step to the whole batch and, when that fails, to each item alone, failing only
         * the items that fail alone.
         *
         * @return the items the step succeeded on, in order
         */
        private <T> List<T> wholeOrOneByOne(
                List<T> items, Function<T, PhotoSource> sourceOf, FailureReason reason, BatchStep<T> step) {
            if (items.isEmpty()) {
                return List.of();
            }
            try {
                step.apply(items);
                return items;
            } catch (FetchException | RuntimeException e) {
                if (items.size() == 1) {
                    FailureReason why = e instanceof FetchException f ? f.reason() : reason;
                    fail(sourceOf.apply(items.get(0)), why, describe(e));
                    return List.of();
                }
                LOG.debugf("a batch of %d failed (%s); retrying one by one", items.size(), describe(e));
            }
            List<T> succeeded = new ArrayList<>();
            for (T item : items) {
                checkCancelled(collection);
                succeeded.addAll(wholeOrOneByOne(List.of(item), sourceOf, reason, step));
            }
            return succeeded;
        }

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
                        "collection " + collection + " holds " + expected + "-dimensional vectors but model "
                                + embedder.modelId() + " makes " + dimensions
                                + "-dimensional ones; import into a collection made for this model");
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
            String template = options.thumbnailUrlTemplate();
            return template == null
                    ? null
                    : template.replace("{collection}", pathSegment(collection)).replace("{id}", pathSegment(photoId));
        }

        private void fail(PhotoSource photo, FailureReason reason, String message) {
            listener.failed(photo.location().toString(), reason, message);
        }
    }

    private static float[][] checkedVectors(float[][] vectors, int expected) throws FetchException {
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

    /** Percent-encodes all but letters, digits and {@code . - _}, so that an id with a slash stays one segment. */
    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
    }

    private static void checkCancelled(String collection) {
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled(collection);
        }
    }

    private static CancellationException cancelled(String collection) {
        return new CancellationException("the import into " + collection + " was cancelled");
    }

    private static String describe(Throwable e) {
        Throwable shown = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }
}
