package dev.loupe.search.collection;

import dev.loupe.search.encoder.UnitVectors;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds near-duplicate groups: the connected components of the graph whose edges are the record pairs
 * (photos, or texts: question banks are full of copies) with cosine similarity at or above a
 * threshold. See the package documentation for the algorithm and its cost. Thread-safe (holds no state
 * between calls).
 *
 * @param <R> the records of the collections it scans
 */
public final class DuplicateFinder<R> {

    /** Records per page of the collection walk. */
    private static final int PAGE = 256;

    /**
     * @param neighbours nearest neighbours looked up per record on the k-NN path
     * @param exactBelow collections of at most this many records are compared all pairs
     * @param maxRecords larger collections are refused
     */
    public record Settings(int neighbours, int exactBelow, int maxRecords) {

        public Settings {
            if (neighbours < 1 || neighbours > SearchQuery.MAX_LIMIT || exactBelow < 0 || maxRecords < 1) {
                throw new IllegalArgumentException("duplicate settings: neighbours 1.." + SearchQuery.MAX_LIMIT
                        + ", exact-below >= 0, max-records >= 1; got " + this);
            }
        }
    }

    /**
     * What a scan found.
     *
     * @param scanned records compared
     * @param exact whether all pairs were compared
     * @param groups the components of two or more records, largest first
     * @param records every record in a group (without its vector), by id
     */
    public record Result<R>(long scanned, boolean exact, List<Components.Group> groups, Map<String, R> records) {}

    /** What the finder needs of a store. */
    interface Records<R> {
        long count(String collection);

        /** Every record with its vector, in pages. */
        void forEach(String collection, int pageSize, Consumer<List<R>> page);

        String id(R record);

        float[] vector(R record);

        R withoutVector(R record);

        /** The records nearest {@code record} at or above the threshold, itself excluded, without vectors. */
        List<Neighbour<R>> neighbours(String collection, R record, int k, double threshold);
    }

    record Neighbour<R>(R record, double score) {}

    private final Records<R> store;
    private final Settings settings;

    private DuplicateFinder(Records<R> store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** A finder over photo collections. */
    public static DuplicateFinder<PhotoRecord> photos(VectorStore store, Settings settings) {
        return new DuplicateFinder<>(
                new Records<>() {
                    @Override
                    public long count(String collection) {
                        return store.count(collection, Filter.all());
                    }

                    @Override
                    public void forEach(String collection, int pageSize, Consumer<List<PhotoRecord>> page) {
                        store.forEach(collection, Filter.all(), pageSize, page);
                    }

                    @Override
                    public String id(PhotoRecord record) {
                        return record.id();
                    }

                    @Override
                    public float[] vector(PhotoRecord record) {
                        return record.vector();
                    }

                    @Override
                    public PhotoRecord withoutVector(PhotoRecord record) {
                        return record.withVector(null);
                    }

                    @Override
                    public List<Neighbour<PhotoRecord>> neighbours(
                            String collection, PhotoRecord record, int k, double threshold) {
                        return store
                                .search(
                                        collection,
                                        new SearchQuery(
                                                record.vector(),
                                                Filter.all(),
                                                k,
                                                0,
                                                Set.of(record.id()),
                                                (float) threshold,
                                                false))
                                .stream()
                                .map(hit -> new Neighbour<>(hit.record(), hit.score()))
                                .toList();
                    }
                },
                settings);
    }

    /** A finder over text collections. */
    public static DuplicateFinder<TextEntry> texts(TextStore store, Settings settings) {
        return new DuplicateFinder<>(
                new Records<>() {
                    @Override
                    public long count(String collection) {
                        return store.count(collection, Filter.all());
                    }

                    @Override
                    public void forEach(String collection, int pageSize, Consumer<List<TextEntry>> page) {
                        store.forEach(collection, Filter.all(), pageSize, page);
                    }

                    @Override
                    public String id(TextEntry record) {
                        return record.id();
                    }

                    @Override
                    public float[] vector(TextEntry record) {
                        return record.vector();
                    }

                    @Override
                    public TextEntry withoutVector(TextEntry record) {
                        return record.withoutVector();
                    }

                    @Override
                    public List<Neighbour<TextEntry>> neighbours(
                            String collection, TextEntry record, int k, double threshold) {
                        return store.dense(collection, record.vector(), Filter.all(), k, Set.of(record.id())).stream()
                                .filter(hit -> hit.score() >= threshold)
                                .map(hit -> new Neighbour<>(hit.entry(), hit.score()))
                                .toList();
                    }
                },
                settings);
    }

    /**
     * @param threshold the cosine at or above which two records are linked, in (0, 1]
     * @throws UnknownCollectionException when the collection does not exist
     * @throws DuplicateScanTooLargeException when it holds more than {@code maxRecords} records
     */
    public Result<R> find(String collection, double threshold) {
        long count = store.count(collection);
        if (count > settings.maxRecords()) {
            throw new DuplicateScanTooLargeException(collection, count, settings.maxRecords());
        }
        return count <= settings.exactBelow()
                ? allPairs(collection, threshold)
                : nearestNeighbours(collection, threshold);
    }

    /** n ≤ exactBelow: every pair, n²/2 dot products over vectors held in memory. */
    private Result<R> allPairs(String collection, double threshold) {
        List<R> records = new ArrayList<>();
        List<float[]> units = new ArrayList<>();
        store.forEach(collection, PAGE, page -> {
            for (R record : page) {
                records.add(store.withoutVector(record));
                units.add(unit(store.vector(record)));
            }
        });
        Components components = new Components();
        for (int i = 0; i < units.size(); i++) {
            float[] a = units.get(i);
            for (int j = i + 1; j < units.size(); j++) {
                double score = UnitVectors.dot(a, units.get(j));
                if (score >= threshold) {
                    components.link(store.id(records.get(i)), store.id(records.get(j)), score);
                }
            }
        }
        Map<String, R> byId = new HashMap<>();
        records.forEach(record -> byId.put(store.id(record), record));
        return result(records.size(), true, components, byId);
    }

    /** n > exactBelow: one k-NN query per record for its neighbours at or above the threshold. */
    private Result<R> nearestNeighbours(String collection, double threshold) {
        Components components = new Components();
        Map<String, R> linked = new HashMap<>();
        long[] scanned = {0};
        store.forEach(collection, PAGE, page -> {
            for (R record : page) {
                scanned[0]++;
                List<Neighbour<R>> hits = store.neighbours(collection, record, settings.neighbours(), threshold);
                for (Neighbour<R> hit : hits) {
                    components.link(store.id(record), store.id(hit.record()), hit.score());
                    linked.putIfAbsent(store.id(hit.record()), hit.record());
                }
                if (!hits.isEmpty()) {
                    linked.put(store.id(record), store.withoutVector(record));
                }
            }
        });
        return result(scanned[0], false, components, linked);
    }

    private static <R> Result<R> result(long scanned, boolean exact, Components components, Map<String, R> known) {
        List<Components.Group> groups = components.groups();
        Map<String, R> records = new HashMap<>();
        for (Components.Group group : groups) {
            group.ids().forEach(id -> records.put(id, known.get(id)));
        }
        return new Result<>(scanned, exact, groups, records);
    }

    private static float[] unit(float[] vector) {
        double[] copy = new double[vector.length];
        UnitVectors.addScaledUnit(copy, vector, 1);
        return UnitVectors.norm(copy) == 0 ? new float[vector.length] : UnitVectors.unit(copy);
    }
}
