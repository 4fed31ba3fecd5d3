package dev.loupe.search.photo;

import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages through a collection in the store's own order (Lucene: index order; Milvus: primary-key order),
 * which stays the same while the collection does not change. A page walks the {@code offset + limit}
 * first matching records and stops, so its cost is bounded by {@link #MAX_OFFSET} + {@link #MAX_LIMIT}
 * records whatever the collection's size.
 */
@ApplicationScoped
public class PhotoBrowser {

    /** Most photos on one page: a screenful of thumbnails. */
    public static final int MAX_LIMIT = 100;

    /** Furthest first position: the same bound as a search's offset, as each page walks up to it. */
    public static final int MAX_OFFSET = SearchQuery.MAX_OFFSET;

    /** Records read from the store at a time while walking to the page. */
    private static final int WALK_PAGE = 256;

    private final CollectionCatalog collections;
    private final VectorStore store;

    PhotoBrowser(CollectionCatalog collections, VectorStore store) {
        this.collections = collections;
        this.store = store;
    }

    /**
     * The photos at positions {@code offset} to {@code offset + limit - 1} among those matching the filter.
     *
     * @param collection a collection name, or null for the default one
     * @param offset 0 to {@link #MAX_OFFSET}
     * @param limit 1 to {@link #MAX_LIMIT}
     * @throws UnknownCollectionException when the collection does not exist
     */
    public PhotoPage page(String collection, Filter filter, int offset, int limit) {
        if (offset < 0 || offset > MAX_OFFSET || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset " + offset + " or limit " + limit + " out of range");
        }
        CollectionSpec spec = collections.require(collection);
        long total = store.count(spec.name(), filter);
        List<PhotoView> photos = new ArrayList<>(limit);
        if (offset < total) {
            PageWalk walk = new PageWalk(offset, limit);
            try {
                store.forEach(spec.name(), filter, Math.min(WALK_PAGE, offset + limit), page -> {
                    for (PhotoRecord record : page) {
                        if (walk.take()) {
                            photos.add(PhotoView.of(record, null, spec.name()));
                        }
                    }
                });
            } catch (PageFull full) {
                // the page is complete: the rest of the collection is not read
            }
        }
        return new PhotoPage(spec.name(), total, offset, limit, List.copyOf(photos));
    }

    /** Counts the records walked; throws {@link PageFull} once the page holds its last photo. */
    private static final class PageWalk {
        private final int offset;
        private final int end;
        private int position;

        PageWalk(int offset, int limit) {
            this.offset = offset;
            this.end = offset + limit;
        }

        /** Whether the next record belongs on the page. */
        boolean take() {
            if (position == end) {
                throw new PageFull();
            }
            return position++ >= offset;
        }
    }

    /**
     * Ends {@link VectorStore#forEach} early (the port has no other way to stop a walk); both adapters let
     * a consumer's exception through after closing their readers.
     */
    private static final class PageFull extends RuntimeException {
        PageFull() {
            super("page complete", null, false, false);
        }
    }
}
