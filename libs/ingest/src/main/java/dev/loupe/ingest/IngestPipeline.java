package dev.loupe.ingest;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Imports photos into a collection: reads the source, fetches and decodes with bounded concurrency,
 * skips photos whose stored record has the same bytes and model, embeds in batches, stores thumbnails
 * and upserts records. A bad photo fails alone, with a reason: a batch the embedder or the store
 * refuses is retried photo by photo, so one bad photo cannot fail its neighbours.
 *
 * <p>Fetching and decoding run on virtual threads, {@link IngestOptions#fetchConcurrency()} at once;
 * the next batch is fetched while the current one is indexed, so at most two batches of decoded
 * images are held at once. Embedding and store writes run on a thread of their own, which
 * cancelling never interrupts. The collection is created (cosine, default index
 * settings) with the embedder's dimension when it does not exist. Thread-safe: runs may go on
 * concurrently.
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
     *     cancelled): fetches in flight are abandoned, a batch being written is finished and
     *     reported first (store writes are never interrupted), photos already indexed stay indexed,
     *     and the interrupt flag stays set
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
        ExecutorService fetching = Executors.newFixedThreadPool(
                options.fetchConcurrency(),
                Thread.ofVirtual().name("loupe-ingest-fetch-", 0).factory());
        ExecutorService indexing = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("loupe-ingest-index").factory());
        try {
            BatchIndexer indexer =
                    new BatchIndexer(collection, embedder, store, thumbnails, options.thumbnailUrlTemplate(), clock);
            new Run(collection, tally, fetching, indexing, indexer).ingest(items);
            LOG.infof("import into %s: %s in %d ms", collection, tally, (System.nanoTime() - start) / 1_000_000);
        } catch (CancellationException e) {
            LOG.infof("import into %s cancelled: %s", collection, tally);
            throw e;
        } finally {
            fetching.shutdownNow(); // interrupts fetches in flight when cancelled: their sockets close
            indexing.shutdown(); // never interrupted: a batch being written is finished (see BatchIndexer)
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
        public void failed(PhotoSource photo, FailureReason reason, String message, boolean retryable) {
            failed++;
            listener.failed(photo, reason, message, retryable);
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

    private record Failed(PhotoSource photo, FailureReason reason, String message, boolean retryable)
            implements Outcome {}

    /** A batch being fetched. */
    private record Batch(List<PhotoSource> photos, List<Future<Outcome>> outcomes) {}

    /** A stored record's dedup key. */
    private record Stored(String contentHash, String modelId) {}

    /** One {@link #run}: fetches batches on the fetching pool, indexes them on the indexing thread. */
    private final class Run {

        private final String collection;
        private final IngestListener listener;
        private final ExecutorService fetching;
        private final ExecutorService indexing;
        private final BatchIndexer indexer;

        Run(
                String collection,
                IngestListener listener,
                ExecutorService fetching,
                ExecutorService indexing,
                BatchIndexer indexer) {
            this.collection = collection;
            this.listener = listener;
            this.fetching = fetching;
            this.indexing = indexing;
            this.indexer = indexer;
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
                    case TextSource text ->
                        listener.failed(
                                text.location(),
                                FailureReason.COLLECTION,
                                "a text record cannot go into photo collection '" + collection + "'");
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
                outcomes.add(fetching.submit(() -> fetchAndPrepare(photo, previous)));
            }
            return new Batch(photos, outcomes);
        }

        private Map<String, Stored> stored(List<PhotoSource> photos) {
            if (!indexer.collectionExists()) {
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
                return new Failed(photo, e.reason(), e.getMessage(), e.retryable());
            } catch (RuntimeException e) {
                LOG.warnf(e, "unexpected failure preparing %s", photo.location());
                return new Failed(
                        photo,
                        FailureReason.UNDECODABLE,
                        "the photo cannot be prepared: " + BatchIndexer.describe(e),
                        false);
            }
        }

        private void finish(Batch batch) {
            List<PreparedPhoto> prepared = new ArrayList<>();
            for (int i = 0; i < batch.photos().size(); i++) {
                switch (await(batch.photos().get(i), batch.outcomes().get(i))) {
                    case Prepared p -> prepared.add(p.photo());
                    case Skipped s -> listener.skipped(s.photo(), s.reason());
                    case Failed f -> listener.failed(f.photo(), f.reason(), f.message(), f.retryable());
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
                return new Failed(
                        photo,
                        FailureReason.UNDECODABLE,
                        "the photo cannot be prepared: " + BatchIndexer.describe(e.getCause()),
                        false);
            }
        }

        /**
         * Indexes the batch on the indexing thread and reports the outcome. When cancelled meanwhile,
         * it waits for the batch to be written (an interrupted write could break the store), reports it,
         * and only then gives up.
         */
        private void index(List<PreparedPhoto> prepared) {
            Future<List<BatchIndexer.Report>> written = indexing.submit(() -> indexer.index(prepared));
            boolean interrupted = false;
            List<BatchIndexer.Report> reports;
            while (true) {
                try {
                    reports = written.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    // BatchIndexer reports every failure it expects; this is a bug or an Error
                    Throwable cause = e.getCause();
                    reports = prepared.stream()
                            .<BatchIndexer.Report>map(p -> new BatchIndexer.Failed(
                                    p.source(),
                                    FailureReason.STORE,
                                    "indexing failed: " + BatchIndexer.describe(cause),
                                    true))
                            .toList();
                    LOG.errorf(cause, "indexing a batch of %s failed", collection);
                    break;
                }
            }
            for (BatchIndexer.Report report : reports) {
                switch (report) {
                    case BatchIndexer.Indexed indexed -> listener.indexed(indexed.photo());
                    case BatchIndexer.Failed failed ->
                        listener.failed(failed.photo(), failed.reason(), failed.message(), failed.retryable());
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw cancelled(collection);
            }
        }
    }

    private static void checkCancelled(String collection) {
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled(collection);
        }
    }

    private static CancellationException cancelled(String collection) {
        return new CancellationException("the import into " + collection + " was cancelled");
    }
}
