package dev.loupe.search.photo;

import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads photos by id, failing with {@link UnknownPhotoException} for ids the collection lacks. */
@ApplicationScoped
public class PhotoLookup {

    /**
     * Longest id looked up; longer ones cannot exist (the index refuses terms above 32 KB) and are
     * reported unknown without a query.
     */
    public static final int MAX_ID_CHARS = 4096;

    private final VectorStore store;

    PhotoLookup(VectorStore store) {
        this.store = store;
    }

    /**
     * The record of one photo, with its vector.
     *
     * @throws UnknownPhotoException when the collection has no photo with that id
     */
    public PhotoRecord require(String collection, String id) {
        return requireAll(collection, List.of(id)).getFirst();
    }

    /**
     * The records of photos, with their vectors, in the order of {@code ids} (repeated ids once).
     *
     * @throws UnknownPhotoException naming every id the collection lacks
     */
    public List<PhotoRecord> requireAll(String collection, Collection<String> ids) {
        List<String> wanted = List.copyOf(new LinkedHashSet<>(ids));
        List<String> lookedUp =
                wanted.stream().filter(id -> id.length() <= MAX_ID_CHARS).toList();
        Map<String, PhotoRecord> found = lookedUp.isEmpty()
                ? Map.of()
                : store.get(collection, lookedUp).stream()
                        .collect(Collectors.toMap(PhotoRecord::id, Function.identity(), (a, b) -> a));
        List<PhotoRecord> out = new ArrayList<>(wanted.size());
        List<String> missing = new ArrayList<>();
        for (String id : wanted) {
            PhotoRecord record = found.get(id);
            if (record == null) {
                missing.add(id);
            } else {
                out.add(record);
            }
        }
        if (!missing.isEmpty()) {
            throw new UnknownPhotoException(collection, missing);
        }
        return out;
    }
}
