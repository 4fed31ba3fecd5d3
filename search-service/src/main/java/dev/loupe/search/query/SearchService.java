package dev.loupe.search.query;

import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.search.encoder.QueryImages;
import dev.loupe.search.metrics.SearchMetrics;
import dev.loupe.search.photo.PhotoLookup;
import dev.loupe.search.photo.PhotoView;
import dev.loupe.search.photo.UnknownPhotoException;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.search.store.IncompatibleCollectionException;
import dev.loupe.service.problem.Problems;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers searches: checks the request, embeds its parts (texts in one batch), combines them with
 * {@link QueryVectorCombiner} and runs one filtered k-NN query. Blocking; call from worker or virtual
 * threads.
 */
@ApplicationScoped
public class SearchService {

    /** Longest imageUrl accepted, in characters; browsers and servers cap URLs near this. */
    static final int MAX_URL_CHARS = 2048;

    private final VectorStore store;
    private final CollectionCatalog collections;
    private final QueryEncoder encoder;
    private final QueryImages images;
    private final ImageUrlFetcher urls;
    private final PhotoLookup photos;
    private final SearchMetrics metrics;
    private final int maxTextChars;

    SearchService(
            VectorStore store,
            CollectionCatalog collections,
            QueryEncoder encoder,
            QueryImages images,
            ImageUrlFetcher urls,
            PhotoLookup photos,
            SearchMetrics metrics,
            SearchConfig config) {
        this.store = store;
        this.collections = collections;
        this.encoder = encoder;
        this.images = images;
        this.urls = urls;
        this.photos = photos;
        this.metrics = metrics;
        this.maxTextChars = config.limits().maxTextChars();
    }

    /**
     * Runs a search.
     *
     * @throws InvalidRequestException when the request breaks a rule (no positive part, a text too
     *     long, an image both uploaded and linked, a malformed imageUrl)
     * @throws UnknownCollectionException when the collection does not exist
     * @throws IncompatibleCollectionException when the collection was built by another model
     * @throws UnknownPhotoException when {@code photoId} is not in the collection
     * @throws DegenerateQueryException when the weighted parts cancel out
     */
    public SearchResponse search(SearchInput input) {
        SearchWeights weights = input.weights();
        requireText("text", input.text());
        requireText("negativeText", input.negativeText());
        if (input.image() != null && input.imageUrl() != null) {
            throw new InvalidRequestException(
                    "imageUrl",
                    "Send the example image either as the part 'image' or as 'imageUrl', not both",
                    "A query has at most one example image; combine it with text and photoId.");
        }
        URI imageUrl = input.imageUrl() == null ? null : imageUrl(input.imageUrl());
        boolean text = input.text() != null && weights.text() > 0;
        boolean image = (input.image() != null || imageUrl != null) && weights.image() > 0;
        boolean photo = input.photoId() != null && weights.photo() > 0;
        if (!text && !image && !photo) {
            throw new InvalidRequestException(
                    null,
                    "Nothing to search for: send 'text', an 'image' (upload or imageUrl) or a 'photoId' with a"
                            + " weight above 0",
                    "'negativeText' only steers a query away from something; it needs a positive part.");
        }
        CollectionSpec spec = collections.requireSearchable(input.collection());

        List<QueryVectorCombiner.Part> positive = new ArrayList<>();
        List<QueryVectorCombiner.Part> negative = new ArrayList<>();
        if (photo) { // first: a cheap lookup that may fail before any inference
            PhotoRecord record = photos.require(spec.name(), input.photoId());
            positive.add(new QueryVectorCombiner.Part("photoId", record.vector(), weights.photo()));
        }
        boolean subtract = input.negativeText() != null && weights.negativeText() > 0;
        List<String> texts = new ArrayList<>(2);
        if (text) {
            texts.add(input.text());
        }
        if (subtract) {
            texts.add(input.negativeText());
        }
        List<float[]> textVectors = texts.isEmpty() ? List.of() : encoder.embedTexts(texts);
        if (text) {
            positive.add(new QueryVectorCombiner.Part("text", textVectors.getFirst(), weights.text()));
        }
        if (subtract) {
            negative.add(new QueryVectorCombiner.Part("negativeText", textVectors.getLast(), weights.negativeText()));
        }
        if (image) {
            float[] vector = input.image() != null
                    ? images.embed(input.image())
                    : images.embed("imageUrl", urls.fetch(imageUrl));
            positive.add(new QueryVectorCombiner.Part("image", vector, weights.image()));
        }
        float[] query = QueryVectorCombiner.combine(positive, negative);
        List<SearchHit> hits = store.search(
                spec.name(),
                new SearchQuery(
                        query, input.filter(), input.limit(), input.offset(), Set.of(), input.minScore(), false));
        metrics.queryAnswered("search");
        return response(spec.name(), hits);
    }

    /**
     * The photos most like a stored one, excluding itself.
     *
     * @param collection a collection name, or null for the default one
     * @throws UnknownCollectionException when the collection does not exist
     * @throws UnknownPhotoException when the photo is not in it
     */
    public SearchResponse similar(String collection, String photoId, int limit, int offset) {
        CollectionSpec spec = collections.require(collection);
        PhotoRecord record = photos.require(spec.name(), photoId);
        List<SearchHit> hits = store.search(
                spec.name(),
                new SearchQuery(record.vector(), Filter.all(), limit, offset, Set.of(photoId), null, false));
        metrics.queryAnswered("similar");
        return response(spec.name(), hits);
    }

    private static SearchResponse response(String collection, List<SearchHit> hits) {
        return new SearchResponse(
                collection,
                hits.stream()
                        .map(hit -> PhotoView.of(hit.record(), hit.score(), collection))
                        .toList());
    }

    private void requireText(String field, String value) {
        if (value != null && value.length() > maxTextChars) {
            int codePoints = value.codePointCount(0, value.length());
            if (codePoints > maxTextChars) {
                throw InvalidRequestException.invalid(
                        field,
                        "at most " + maxTextChars + " characters, got " + codePoints
                                + " (loupe.limits.max-text-chars; the model reads only its first tokens anyway)");
            }
        }
    }

    private static URI imageUrl(String text) {
        if (text.length() > MAX_URL_CHARS) {
            throw InvalidRequestException.invalid("imageUrl", "at most " + MAX_URL_CHARS + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw InvalidRequestException.invalid("imageUrl", "not a URL: " + Problems.quote(e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw InvalidRequestException.invalid(
                    "imageUrl", "expected an absolute http or https URL, got '" + Problems.quote(text) + "'");
        }
        return uri;
    }
}
