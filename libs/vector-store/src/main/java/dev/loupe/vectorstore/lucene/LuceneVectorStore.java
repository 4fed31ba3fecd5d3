package dev.loupe.vectorstore.lucene;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The standalone {@link VectorStore}: one Lucene HNSW index per collection on local disk. Each
 * collection lives in {@code <root>/<name>/} with its spec in {@code <root>/<name>.json}; every
 * upsert and delete is committed before it returns, so a restart keeps it. Thread-safe.
 */
public final class LuceneVectorStore implements VectorStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC_SUFFIX = ".json";

    private final Path root;
    private final Map<String, LuceneCollection> collections = new TreeMap<>();
    // Collection create/drop/close take the write lock; record operations share the read lock, and
    // Lucene's writer and searcher manager handle their own concurrency.
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * Opens (creating if needed) a store under {@code root} and every collection found there.
     *
     * @throws UncheckedIOException when the directory or an index cannot be opened
     */
    public LuceneVectorStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
            try (Stream<Path> files = Files.list(root)) {
                for (Path specFile : files.filter(
                                p -> p.getFileName().toString().endsWith(SPEC_SUFFIX))
                        .sorted()
                        .toList()) {
                    CollectionSpec spec = JSON.readValue(specFile.toFile(), CollectionSpec.class);
                    collections.put(spec.name(), new LuceneCollection(spec, indexDirectory(spec.name())));
                }
            }
        } catch (IOException e) {
            collections.values().forEach(LuceneVectorStore::closeQuietly);
            throw new UncheckedIOException("cannot open the vector store under " + root, e);
        }
    }

    @Override
    public void createCollection(CollectionSpec spec) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            LuceneCollection existing = collections.get(spec.name());
            if (existing != null) {
                CollectionSpec have = existing.spec();
                if (have.dimensions() != spec.dimensions() || have.metric() != spec.metric()) {
                    throw new CollectionConflictException("collection '" + spec.name() + "' exists with "
                            + have.dimensions() + " dimensions and metric " + have.metric() + ", not "
                            + spec.dimensions() + " and " + spec.metric());
                }
                return;
            }
            LuceneCollection.vectorsFormat(spec.index()); // rejects bad settings before touching the disk
            Path index = indexDirectory(spec.name());
            deleteRecursively(index); // leftovers of a drop that did not finish
            Files.createDirectories(index);
            LuceneCollection collection = new LuceneCollection(spec, index);
            Path tmp = root.resolve(spec.name() + SPEC_SUFFIX + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), spec);
            Files.move(tmp, specFile(spec.name()), StandardCopyOption.ATOMIC_MOVE);
            collections.put(spec.name(), collection);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create collection '" + spec.name() + "'", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<CollectionSpec> listCollections() {
        lock.readLock().lock();
        try {
            ensureOpen();
            return collections.values().stream().map(LuceneCollection::spec).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<CollectionStats> stats(String collection) {
        lock.readLock().lock();
        try {
            ensureOpen();
            LuceneCollection c = collections.get(collection);
            return c == null ? Optional.empty() : Optional.of(new CollectionStats(c.spec(), c.count(Filter.all())));
        } catch (IOException e) {
            throw failure("count", collection, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void dropCollection(String collection) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            LuceneCollection c = collections.remove(collection);
            if (c == null) {
                return;
            }
            // the spec goes first: an index directory without a spec is ignored and wiped on create
            Files.deleteIfExists(specFile(collection));
            c.discard();
            deleteRecursively(indexDirectory(collection));
        } catch (IOException e) {
            throw failure("drop", collection, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void upsert(String collection, List<PhotoRecord> records) {
        run(collection, "upsert into", c -> {
            c.upsert(records);
            return null;
        });
    }

    @Override
    public void delete(String collection, Collection<String> ids) {
        run(collection, "delete from", c -> {
            c.delete(ids);
            return null;
        });
    }

    @Override
    public List<PhotoRecord> get(String collection, Collection<String> ids) {
        return run(collection, "read", c -> c.get(ids));
    }

    @Override
    public List<SearchHit> search(String collection, SearchQuery query) {
        return run(collection, "search", c -> c.search(query));
    }

    @Override
    public long count(String collection, Filter filter) {
        return run(collection, "count", c -> c.count(filter));
    }

    @Override
    public void forEach(String collection, Filter filter, int pageSize, Consumer<List<PhotoRecord>> page) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive, got " + pageSize);
        }
        run(collection, "walk", c -> {
            c.forEach(filter, pageSize, page);
            return null;
        });
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            for (LuceneCollection c : collections.values()) {
                try {
                    c.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            collections.clear();
            if (failure != null) {
                throw new UncheckedIOException("cannot close the vector store under " + root, failure);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private interface CollectionOperation<T> {
        T apply(LuceneCollection collection) throws IOException;
    }

    private <T> T run(String collection, String what, CollectionOperation<T> operation) {
        lock.readLock().lock();
        try {
            ensureOpen();
            LuceneCollection c = collections.get(collection);
            if (c == null) {
                throw new UnknownCollectionException(collection);
            }
            return operation.apply(c);
        } catch (IOException e) {
            throw failure(what, collection, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the vector store under " + root + " is closed");
        }
    }

    private static UncheckedIOException failure(String what, String collection, IOException e) {
        return new UncheckedIOException("cannot " + what + " collection '" + collection + "'", e);
    }

    private Path indexDirectory(String name) {
        return root.resolve(name);
    }

    private Path specFile(String name) {
        return root.resolve(name + SPEC_SUFFIX);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void closeQuietly(LuceneCollection c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing to open; the first error is the one reported
        }
    }
}
