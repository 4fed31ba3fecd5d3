package dev.loupe.search.collection;

import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.EncoderInfo;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.search.metrics.SearchMetrics;
import dev.loupe.search.photo.PhotoView;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.search.texts.TextCollections;
import dev.loupe.search.texts.TextHitView;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextStore;
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
    private final DuplicateFinder<PhotoRecord> duplicates;
    private final DuplicateFinder<TextEntry> textDuplicates;
    private final TextCollections texts;
    private final TextStore textStore;

    CollectionService(
            VectorStore store,
            CollectionCatalog catalog,
            QueryEncoder encoder,
            SearchMetrics metrics,
            SearchConfig config,
            TextCollections texts,
            TextStore textStore) {
        this.store = store;
        this.texts = texts;
        this.textStore = textStore;
        this.catalog = catalog;
        this.encoder = encoder;
        this.metrics = metrics;
        SearchConfig.Duplicates settings = config.duplicates();
        DuplicateFinder.Settings scan =
                new DuplicateFinder.Settings(settings.neighbours(), settings.exactBelow(), settings.maxRecords());
        this.duplicates = DuplicateFinder.photos(store, scan);
        this.textDuplicates = DuplicateFinder.texts(textStore, scan);
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
            views.add(CollectionView.photos(
                    spec.name(),
                    spec.dimensions(),
                    spec.metric().name().toLowerCase(Locale.ROOT),
                    stats.get().count(),
                    spec.dimensions() == model.dimensions() ? model.modelId() : null,
                    spec.name().equals(catalog.defaultCollection())));
        }
        for (TextCollectionSpec spec : texts.list()) {
            texts.describe(spec.name())
                    .map(info -> CollectionView.texts(info, textStore.count(spec.name(), Filter.all())))
                    .ifPresent(views::add);
        }
        views.sort(Comparator.comparing(CollectionView::name));
        return new CollectionList(ModelView.of(model), views);
    }

    private DuplicatesResponse textDuplicates(String collection, double threshold, int limit) {
        DuplicateFinder.Result<TextEntry> result = textDuplicates.find(collection, threshold);
        List<DuplicateGroup> groups = result.groups().stream()
                .limit(limit)
                .map(group -> new DuplicateGroup(
                        group.ids().size(),
                        group.weakest(),
                        group.strongest(),
                        null,
                        group.ids().stream()
                                .sorted()
                                .limit(MAX_PHOTOS_PER_GROUP)
                                .map(id -> TextHitView.similar(result.records().get(id), 1f, List.of()))
                                .toList()))
                .toList();
        metrics.queryAnswered("duplicates");
        return new DuplicatesResponse(
                collection,
                threshold,
                result.scanned(),
                result.exact(),
                result.groups().size(),
                groups);
    }

    /**
     * One collection as {@link #list} shows it.
     *
     * @throws UnknownCollectionException when none has that name
     */
    public CollectionView view(String name) {
        return list().collections().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UnknownCollectionException(name));
    }

    /**
     * Creates a collection: of photos, embedded by the query model; or of texts, embedded by the text
     * model named. Does nothing when it exists with the same settings.
     *
     * @return whether it was created
     * @throws InvalidRequestException for a bad kind, name or model (400)
     * @throws dev.loupe.vectorstore.CollectionConflictException when the name is taken otherwise (409)
     */
    public boolean create(CreateCollectionRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    null,
                    "The request body is missing: send {\"name\": \"qa\", \"kind\": \"texts\", \"model\": \"...\"}",
                    "See the request schema in /q/openapi.");
        }
        String kind = request.kind() == null ? "photos" : request.kind().trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "texts" -> texts.create(request.name(), request.model(), request.analysis(), request.fields());
            case "photos" -> createPhotos(request);
            default -> throw InvalidRequestException.invalid("kind", "photos or texts, got '" + request.kind() + "'");
        };
    }

    private boolean createPhotos(CreateCollectionRequest request) {
        EncoderInfo model = encoder.info();
        if (request.model() != null && !request.model().equals(model.modelId())) {
            throw InvalidRequestException.invalid(
                    "model",
                    "photo collections are embedded by the query model '" + model.modelId() + "', not '"
                            + request.model() + "'");
        }
        if (request.analysis() != null || request.fields() != null) {
            throw InvalidRequestException.invalid(
                    request.analysis() != null ? "analysis" : "fields", "applies to text collections only");
        }
        CollectionSpec spec;
        try {
            spec = CollectionSpec.of(request.name(), model.dimensions());
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalid("name", e.getMessage());
        }
        texts.requireNotText(spec);
        boolean existed = store.stats(spec.name()).isPresent();
        store.createCollection(spec);
        return !existed;
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
        if (collection != null && texts.exists(collection)) {
            return textDuplicates(collection, threshold, limit);
        }
        CollectionSpec spec = catalog.require(collection);
        DuplicateFinder.Result<PhotoRecord> result = duplicates.find(spec.name(), threshold);
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
                                .toList(),
                        null))
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
