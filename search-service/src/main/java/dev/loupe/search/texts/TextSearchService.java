package dev.loupe.search.texts;

import dev.loupe.ingest.TextEmbedder;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.metrics.SearchMetrics;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.FilterJson;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.texts.TextCollectionInfo;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextHit;
import dev.loupe.vectorstore.texts.TextSearch;
import dev.loupe.vectorstore.texts.TextStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/** Searches text collections: by meaning, by words, or both; and texts similar to a stored one. */
@ApplicationScoped
public class TextSearchService {

    static final int DEFAULT_LIMIT = 10;

    private final TextCollections collections;
    private final TextStore store;
    private final TextEmbedder embedder;
    private final TextSearch search;
    private final SearchConfig.Texts config;
    private final SearchMetrics metrics;
    private final TextSearch.Mode defaultMode;

    TextSearchService(
            TextCollections collections,
            TextStore store,
            TextEmbedder embedder,
            TextSearch search,
            SearchConfig config,
            SearchMetrics metrics) {
        this.collections = collections;
        this.store = store;
        this.embedder = embedder;
        this.search = search;
        this.config = config.texts();
        this.metrics = metrics;
        this.defaultMode = TextSearch.Mode.parse(this.config.mode());
    }

    /**
     * @throws InvalidRequestException for a missing text, an unknown mode, a bad filter or bounds (400)
     * @throws dev.loupe.vectorstore.UnknownCollectionException when no text collection has that name
     */
    public TextSearchResponse search(TextSearchRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    null,
                    "The request body is missing: send a JSON object such as {\"collection\": \"qa\", \"text\": \"...\"}",
                    "See the request schema in /q/openapi.");
        }
        TextCollectionInfo info = collections.require(request.collection());
        String text = request.text();
        if (text == null || text.isBlank()) {
            throw InvalidRequestException.invalid("text", "required: what to look for");
        }
        if (text.length() > config.maxQueryChars()) {
            throw InvalidRequestException.invalid(
                    "text", "at most " + config.maxQueryChars() + " characters (loupe.texts.max-query-chars)");
        }
        TextSearch.Mode mode;
        try {
            mode = request.mode() == null ? defaultMode : TextSearch.Mode.parse(request.mode());
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalid("mode", e.getMessage());
        }
        TextSearch.Settings fusion = fusion(request.fusion());
        Filter filter = FilterJson.parse(request.filter(), info.filterFields());
        int limit = request.limit() == null
                ? DEFAULT_LIMIT
                : RequestNumbers.integer("limit", request.limit(), 1, SearchQuery.MAX_LIMIT);
        int offset = request.offset() == null
                ? 0
                : RequestNumbers.integer("offset", request.offset(), 0, SearchQuery.MAX_OFFSET);
        Float minScore = request.minScore() == null
                ? null
                : (float) RequestNumbers.decimal("minScore", request.minScore(), -1e9, 1e9);
        String model = info.spec().modelId();
        float[] vector = mode == TextSearch.Mode.LEXICAL
                ? null
                : embedder.embedQueries(model, List.of(text)).getFirst();
        List<TextSearch.Hit> hits = search.search(
                new TextSearch.Request(
                        info.spec().name(), text, vector, mode, filter, limit, offset, minScore, Set.of()),
                info.spec().analysis(),
                fusion);
        metrics.queryAnswered("texts-" + mode.wireName());
        return new TextSearchResponse(
                info.spec().name(),
                model,
                mode.wireName(),
                hits.stream().map(TextHitView::of).toList());
    }

    /**
     * The texts nearest a stored one by meaning, itself excluded.
     *
     * @throws dev.loupe.vectorstore.UnknownCollectionException when no text collection has that name
     * @throws UnknownTextException when the collection holds no such record
     */
    public TextSearchResponse similar(String collection, String id, int limit) {
        TextCollectionInfo info = collections.require(collection);
        List<TextEntry> found = store.get(info.spec().name(), List.of(id));
        if (found.isEmpty()) {
            throw new UnknownTextException(info.spec().name(), id);
        }
        TextEntry source = found.getFirst();
        List<TextHit> hits = store.dense(info.spec().name(), source.vector(), Filter.all(), limit, Set.of(id));
        metrics.queryAnswered("texts-similar");
        return new TextSearchResponse(
                info.spec().name(),
                info.spec().modelId(),
                TextSearch.Mode.DENSE.wireName(),
                hits.stream()
                        .map(h -> TextHitView.similar(h.entry(), h.score(), List.of()))
                        .toList());
    }

    /**
     * One stored record.
     *
     * @throws UnknownTextException when the collection holds no such record
     */
    public TextHitView get(String collection, String id) {
        TextCollectionInfo info = collections.require(collection);
        List<TextEntry> found = store.get(info.spec().name(), List.of(id));
        if (found.isEmpty()) {
            throw new UnknownTextException(info.spec().name(), id);
        }
        return TextHitView.similar(found.getFirst(), 1f, List.of());
    }

    private TextSearch.Settings fusion(TextSearchRequest.Fusion requested) {
        TextSearch.Settings defaults = search.settings();
        if (requested == null) {
            return defaults;
        }
        TextSearch.Fusion method;
        try {
            method = requested.method() == null ? defaults.fusion() : TextSearch.Fusion.parse(requested.method());
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalid("fusion.method", e.getMessage());
        }
        double weight = requested.denseWeight() == null
                ? defaults.denseWeight()
                : RequestNumbers.decimal("fusion.denseWeight", requested.denseWeight(), 0, 1);
        return new TextSearch.Settings(
                method,
                weight,
                defaults.rrfK(),
                defaults.candidates(),
                defaults.normalisation(),
                defaults.phraseFirst());
    }
}
