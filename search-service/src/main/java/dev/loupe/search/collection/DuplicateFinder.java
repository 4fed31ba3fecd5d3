package dev.loupe.search.collection;

import dev.loupe.search.encoder.UnitVectors;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds near-duplicate groups: the connected components of the graph whose edges are the photo pairs
 * with cosine similarity at or above a threshold. See the package documentation for the algorithm
 * and its cost. Thread-safe (holds no state between calls).
 */
public final class DuplicateFinder {

    /** Records per page of the collection walk. */
    private static final int PAGE = 256;

    /**
     * @param neighbours nearest neighbours looked up per photo on the k-NN path
     * @param exactBelow collections of at most this many photos are compared all pairs
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
     * @param scanned photos compared
     * @param exact whether all pairs were compared
     * @param groups the components of two or more photos, largest first
     * @param records the metadata (no vectors) of every photo in a group, by id
     */
    public record Result(
            long scanned, boolean exact, List<Components.Group> groups, Map<String, PhotoRecord> records) {}

    private final VectorStore store;
    private final Settings settings;

    public DuplicateFinder(VectorStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * @param threshold the cosine at or above which two photos are linked, in (0, 1]
     * @throws UnknownCollectionException when the collection does not exist
     * @throws DuplicateScanTooLargeException when it holds more than {@code maxRecords} photos
     */
    public Result find(String collection, double threshold) {
        long count = store.count(collection, Filter.all());
        if (count > settings.maxRecords()) {
            throw new DuplicateScanTooLargeException(collection, count, settings.maxRecords());
        }
        return count <= settings.exactBelow()
                ? allPairs(collection, threshold)
                : nearestNeighbours(collection, threshold);
    }

    /** n ≤ exactBelow: every pair, n²/2 dot products over vectors held in memory. */
    private Result allPairs(String collection, double threshold) {
        List<PhotoRecord> records = new ArrayList<>();
        List<float[]> units = new ArrayList<>();
        store.forEach(collection, Filter.all(), PAGE, page -> {
            for (PhotoRecord record : page) {
                records.add(record.withVector(null));
                units.add(unit(record.vector()));
            }
        });
        Components components = new Components();
        for (int i = 0; i < units.size(); i++) {
            float[] a = units.get(i);
            for (int j = i + 1; j < units.size(); j++) {
                double score = UnitVectors.dot(a, units.get(j));
                if (score >= threshold) {
                    components.link(records.get(i).id(), records.get(j).id(), score);
                }
            }
        }
        Map<String, PhotoRecord> byId = new HashMap<>();
        records.forEach(record -> byId.put(record.id(), record));
        return result(records.size(), true, components, byId);
    }

    /** n > exactBelow: one k-NN query per photo for its neighbours at or above the threshold. */
    private Result nearestNeighbours(String collection, double threshold) {
        Components components = new Components();
        Map<String, PhotoRecord> linked = new HashMap<>();
        long[] scanned = {0};
        store.forEach(collection, Filter.all(), PAGE, page -> {
            for (PhotoRecord record : page) {
                scanned[0]++;
                List<SearchHit> hits = store.search(
                        collection,
                        new SearchQuery(
                                record.vector(),
                                Filter.all(),
                                settings.neighbours(),
                                0,
                                Set.of(record.id()),
                                (float) threshold,
                                false));
                for (SearchHit hit : hits) {
                    components.link(record.id(), hit.record().id(), hit.score());
                    linked.putIfAbsent(hit.record().id(), hit.record());
                }
                if (!hits.isEmpty()) {
                    linked.put(record.id(), record.withVector(null));
                }
            }
        });
        return result(scanned[0], false, components, linked);
    }

    private static Result result(long scanned, boolean exact, Components components, Map<String, PhotoRecord> known) {
        List<Components.Group> groups = components.groups();
        Map<String, PhotoRecord> records = new HashMap<>();
        for (Components.Group group : groups) {
            group.ids().forEach(id -> records.put(id, known.get(id)));
        }
        return new Result(scanned, exact, groups, records);
    }

    private static float[] unit(float[] vector) {
        double[] copy = new double[vector.length];
        UnitVectors.addScaledUnit(copy, vector, 1);
        return UnitVectors.norm(copy) == 0 ? new float[vector.length] : UnitVectors.unit(copy);
    }
}
