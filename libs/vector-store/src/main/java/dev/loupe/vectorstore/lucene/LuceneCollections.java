package dev.loupe.vectorstore.lucene;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.vectorstore.UnknownCollectionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The collections of one Lucene store on local disk, photo or text: each lives in
 * {@code <root>/<name>/} with its spec in {@code <root>/<name>.json}, written atomically; an index
 * directory without a spec is the leftover of a drop and is wiped by the next create. Creating,
 * dropping and closing take a write lock; record operations share the read lock, and Lucene's writer
 * and searcher manager handle their own concurrency.
 *
 * @param <S> the spec type, a Jackson-serialisable record
 * @param <C> an open collection
 */
final class LuceneCollections<S, C extends LuceneCollections.Open<S>> {

    /** An open collection. */
    interface Open<S> extends Closeable {
        S spec();

        /** Closes without committing pending changes and releases the files, before they are deleted. */
        void discard() throws IOException;
    }

    /** Opens (creating when empty) the index of a collection. */
    interface Opener<S, C> {
        C open(S spec, Path indexDirectory) throws IOException;
    }

    /** Work on one open collection. */
    interface Operation<C, T> {
        T apply(C collection) throws IOException;
    }

    /** A change to one open collection. */
    interface Change<C> {
        void apply(C collection) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC_SUFFIX = ".json";

    private final Path root;
    private final String kind;
    private final Function<S, String> name;
    private final Opener<S, C> opener;
    private final Map<String, C> open = new TreeMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * Opens every collection found under {@code root}, creating the directory if needed.
     *
     * @param kind what the store is called in errors ("vector store", "text store")
     * @throws UncheckedIOException when the directory or an index cannot be opened
     */
    LuceneCollections(Path root, String kind, Class<S> specType, Function<S, String> name, Opener<S, C> opener) {
        this.root = root;
        this.kind = kind;
        this.name = name;
        this.opener = opener;
        try {
            Files.createDirectories(root);
            try (Stream<Path> files = Files.list(root)) {
                for (Path specFile : files.filter(
                                p -> p.getFileName().toString().endsWith(SPEC_SUFFIX))
                        .sorted()
                        .toList()) {
                    S spec = JSON.readValue(specFile.toFile(), specType);
                    open.put(name.apply(spec), opener.open(spec, indexDirectory(name.apply(spec))));
                }
            }
        } catch (IOException e) {
            open.values().forEach(LuceneCollections::closeQuietly);
            throw new UncheckedIOException("cannot open the " + kind + " under " + root, e);
        }
    }

    /**
     * Creates a collection unless one of that name exists, which {@code existing} then checks against
     * the spec asked for (throwing on a conflict).
     */
    void create(S spec, java.util.function.BiConsumer<S, S> existing) {
        String collection = name.apply(spec);
        lock.writeLock().lock();
        try {
            ensureOpen();
            C have = open.get(collection);
            if (have != null) {
                existing.accept(have.spec(), spec);
                return;
            }
            Path index = indexDirectory(collection);
            deleteRecursively(index); // leftovers of a drop that did not finish
            Files.createDirectories(index);
            C created = opener.open(spec, index);
            Path tmp = root.resolve(collection + SPEC_SUFFIX + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), spec);
            Files.move(tmp, specFile(collection), StandardCopyOption.ATOMIC_MOVE);
            open.put(collection, created);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create collection '" + collection + "'", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    List<S> specs() {
        lock.readLock().lock();
        try {
            ensureOpen();
            return open.values().stream().map(Open::spec).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The operation's result on the collection, or empty when it does not exist (or the result is null). */
    <T> Optional<T> ifPresent(String collection, String what, Operation<C, T> operation) {
        return Optional.ofNullable(apply(collection, what, operation, false));
    }

    /**
     * The operation's result on the collection.
     *
     * @throws UnknownCollectionException when it does not exist
     */
    <T> T run(String collection, String what, Operation<C, T> operation) {
        return apply(collection, what, operation, true);
    }

    /**
     * Applies a change to the collection.
     *
     * @throws UnknownCollectionException when it does not exist
     */
    void change(String collection, String what, Change<C> change) {
        apply(
                collection,
                what,
                c -> {
                    change.apply(c);
                    return Boolean.TRUE;
                },
                true);
    }

    private <T> T apply(String collection, String what, Operation<C, T> operation, boolean required) {
        lock.readLock().lock();
        try {
            ensureOpen();
            C c = open.get(collection);
            if (c == null) {
                if (required) {
                    throw new UnknownCollectionException(collection);
                }
                return null;
            }
            return operation.apply(c);
        } catch (IOException e) {
            throw failure(what, collection, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Deletes a collection's spec and index; nothing when it does not exist. */
    void drop(String collection) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            C c = open.remove(collection);
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

    /** Closes every collection, committing what is pending; later calls fail. */
    void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            for (C c : open.values()) {
                try {
                    c.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            open.clear();
            if (failure != null) {
                throw new UncheckedIOException("cannot close the " + kind + " under " + root, failure);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the " + kind + " under " + root + " is closed");
        }
    }

    private static UncheckedIOException failure(String what, String collection, IOException e) {
        return new UncheckedIOException("cannot " + what + " collection '" + collection + "'", e);
    }

    private Path indexDirectory(String collection) {
        return root.resolve(collection);
    }

    private Path specFile(String collection) {
        return root.resolve(collection + SPEC_SUFFIX);
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

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing to open; the first error is the one reported
        }
    }
}
