package dev.loupe.search.collection;

import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.EncoderInfo;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.search.metrics.SearchMetrics;
import dev.loupe.search.photo.PhotoView;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Describes the collections and finds near-duplicates in them. */
@ApplicationScoped
public class CollectionService {

    /** Photos listed per duplicate group; the group's size counts them all. */
    static final int MAX_PHOTOS_PER_GROUP = 100;

    private final VectorStore store;
    private final CollectionCatalog catalog;
    private final QueryEncoder encoder;
    private final SearchMetrics metrics;
    private final DuplicateFinder duplicates;

    CollectionService(
            VectorStore store,
            CollectionCatalog catalog,
            QueryEncoder encoder,
            SearchMetrics metrics,
            SearchConfig config) {
        this.store = store;
        this.catalog = catalog;
        this.encoder = encoder;
        this.metrics = metrics;
        SearchConfig.Duplicates settings = config.duplicates();
        this.duplicates = new DuplicateFinder(
                store,
                new DuplicateFinder.Settings(settings.neighbours(), settings.exactBelow(), settings.maxRecords()));
    }

    /** Every collection with its size, and the query model. */
    public CollectionList list() {
        EncoderInfo model = encoder.info();
        List<CollectionView> views = new ArrayList<>();
        for (CollectionSpec spec : store.listCollections()) {
            Optional<CollectionStats> stats = store.stats(spec.name());
            if (stats.isEmpty()) {
                continue; // dropped since it was listed
            }
            views.add(new CollectionView(
                    spec.name(),
                    spec.dimensions(),
                    spec.metric().name().toLowerCase(Locale.ROOT),
                    stats.get().count(),
                    spec.dimensions() == model.dimensions() ? model.modelId() : null,
                    spec.name().equals(catalog.defaultCollection())));
        }
        views.sort(Comparator.comparing(CollectionView::name));
        return new CollectionList(ModelView.of(model), views);
    }

    /**
     * The near-duplicate groups of a collection, largest first.
     *
     * @param threshold cosine at or above which two photos are linked, in (0, 1]
     * @param limit most groups answered
     * @throws UnknownCollectionException when the collection does not exist
     * @throws DuplicateScanTooLargeException when it is larger than loupe.duplicates.max-records
     */
    public DuplicatesResponse duplicates(String collection, double threshold, int limit) {
        CollectionSpec spec = catalog.require(collection);
        DuplicateFinder.Result result = duplicates.find(spec.name(), threshold);
        List<DuplicateGroup> groups = result.groups().stream()
                .limit(limit)
                .map(group -> new DuplicateGroup(
                        group.ids().size(),
                        group.weakest(),
                        group.strongest(),
                        group.ids().stream()
                                .sorted()
                                .limit(MAX_PHOTOS_PER_GROUP)
                                .map(id -> PhotoView.of(result.records().get(id), null, spec.name()))
                                .toList()))
                .toList();
        metrics.queryAnswered("duplicates");
        return new DuplicatesResponse(
                spec.name(),
                threshold,
                result.scanned(),
                result.exact(),
                result.groups().size(),
                groups);
    }
}
