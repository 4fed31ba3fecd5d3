package dev.loupe.search.classify;

import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.search.encoder.QueryImages;
import dev.loupe.search.metrics.SearchMetrics;
import dev.loupe.search.photo.PhotoLookup;
import dev.loupe.search.photo.UnknownPhotoException;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.search.store.IncompatibleCollectionException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Classifies photos zero-shot against text labels (see the package documentation): checks the
 * request, embeds the labels as prompt ensembles, and scores either one uploaded image or the stored
 * vectors of the chosen photos. Blocking; call from worker or virtual threads.
 */
@ApplicationScoped
public class ClassifyService {

    /** Longest label, in characters; CLIP reads 77 tokens of the filled-in template anyway. */
    static final int MAX_LABEL_CHARS = 200;
    /** Longest template, in characters. */
    static final int MAX_TEMPLATE_CHARS = 300;
    /** Records per page when walking the photos a filter matches. */
    private static final int PAGE = 512;
    /** Most confident first; among equals, by id. */
    private static final Comparator<PhotoClassification> CONFIDENT_FIRST = Comparator.comparingDouble(
                    PhotoClassification::probability)
            .reversed()
            .thenComparing(PhotoClassification::id);

    private final VectorStore store;
    private final CollectionCatalog collections;
    private final PhotoLookup photos;
    private final QueryEncoder encoder;
    private final QueryImages images;
    private final LabelEmbeddings labelEmbeddings;
    private final SearchMetrics metrics;
    private final SearchConfig.Classify limits;

    ClassifyService(
            VectorStore store,
            CollectionCatalog collections,
            PhotoLookup photos,
            QueryEncoder encoder,
            QueryImages images,
            LabelEmbeddings labelEmbeddings,
            SearchMetrics metrics,
            SearchConfig config) {
        this.store = store;
        this.collections = collections;
        this.photos = photos;
        this.encoder = encoder;
        this.images = images;
        this.labelEmbeddings = labelEmbeddings;
        this.metrics = metrics;
        this.limits = config.classify();
    }

    /** Most photos one request classifies (loupe.classify.max-photos). */
    public int maxPhotos() {
        return limits.maxPhotos();
    }

    /**
     * Classifies an uploaded image, the photos named by id, or the stored photos matching a filter (all
     * when neither is given).
     *
     * @throws InvalidRequestException when labels, templates or the photo selection break a rule
     * @throws UnknownCollectionException when the collection does not exist
     * @throws IncompatibleCollectionException when another model built the collection
     * @throws UnknownPhotoException naming the photo ids the collection lacks
     */
    public ClassifyResponse classify(ClassifyInput input) {
        List<String> labels = labels(input.labels());
        List<String> templates = input.templates() == null ? PromptTemplates.IMAGENET : templates(input.templates());
        if (input.image() != null && (input.photoIds() != null || input.filter() != null)) {
            throw new InvalidRequestException(
                    "image",
                    "Classify either the uploaded 'image' or stored photos ('photoIds', 'filter'), not both",
                    "An upload is classified on its own.");
        }
        if (input.photoIds() != null && input.filter() != null) {
            throw new InvalidRequestException(
                    "photoIds",
                    "Send 'photoIds' or 'filter', not both",
                    "photoIds names the photos; filter selects them by metadata.");
        }
        ClassifyResponse response = input.image() != null
                ? classifyUpload(input, labels, templates)
                : classifyStored(input, labels, templates);
        metrics.queryAnswered("classify");
        return response;
    }

    private ClassifyResponse classifyUpload(ClassifyInput input, List<String> labels, List<String> templates) {
        float[] image = images.embed(input.image()); // before the labels: a bad upload fails cheaply
        float[][] labelVectors = labelEmbeddings.embed(labels, templates);
        Tally tally = new Tally(labels, input.limit(), false);
        tally.add(null, image, labelVectors, limits.logitScale());
        return tally.response(encoder.info().modelId(), null, templates.size());
    }

    private ClassifyResponse classifyStored(ClassifyInput input, List<String> labels, List<String> templates) {
        CollectionSpec spec = collections.requireSearchable(input.collection());
        List<PhotoRecord> named = null;
        if (input.photoIds() != null) {
            List<String> ids = photoIds(input.photoIds());
            named = photos.requireAll(spec.name(), ids);
        } else {
            long count = store.count(spec.name(), input.filter() == null ? Filter.all() : input.filter());
            if (count > limits.maxPhotos()) {
                throw new InvalidRequestException(
                        "filter",
                        "The selection holds " + count + " photos; one request classifies at most " + limits.maxPhotos()
                                + ": narrow it with 'filter'",
                        "Split the collection with filters (e.g. by takenAt or tags) and add up the histograms"
                                + " (loupe.classify.max-photos).");
            }
        }
        float[][] labelVectors = labelEmbeddings.embed(labels, templates);
        double scale = limits.logitScale();
        Tally tally = new Tally(labels, input.limit(), named == null);
        if (named != null) {
            named.forEach(record -> tally.add(record.id(), record.vector(), labelVectors, scale));
        } else {
            Filter filter = input.filter() == null ? Filter.all() : input.filter();
            store.forEach(
                    spec.name(),
                    filter,
                    PAGE,
                    page -> page.forEach(record -> tally.add(record.id(), record.vector(), labelVectors, scale)));
        }
        return tally.response(encoder.info().modelId(), spec.name(), templates.size());
    }

    private List<String> labels(List<String> labels) {
        if (labels == null || labels.size() < 2) {
            throw InvalidRequestException.invalid(
                    "labels", "send at least two labels to choose from, e.g. [\"cat\", \"dog\"]");
        }
        if (labels.size() > limits.maxLabels()) {
            throw InvalidRequestException.invalid(
                    "labels", "at most " + limits.maxLabels() + " labels, got " + labels.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            String field = "labels[" + i + "]";
            if (label == null || label.isBlank()) {
                throw InvalidRequestException.invalid(field, "a label must not be blank");
            }
            if (label.codePointCount(0, label.length()) > MAX_LABEL_CHARS) {
                throw InvalidRequestException.invalid(field, "at most " + MAX_LABEL_CHARS + " characters");
            }
            if (!seen.add(label)) {
                throw InvalidRequestException.invalid(field, "repeats an earlier label; labels must be distinct");
            }
        }
        return List.copyOf(labels);
    }

    private List<String> templates(List<String> templates) {
        if (templates.isEmpty() || templates.size() > limits.maxTemplates()) {
            throw InvalidRequestException.invalid(
                    "templates", "send 1 to " + limits.maxTemplates() + " templates, or none for the defaults");
        }
        for (int i = 0; i < templates.size(); i++) {
            String template = templates.get(i);
            String field = "templates[" + i + "]";
            if (template == null || !template.contains(PromptTemplates.PLACEHOLDER)) {
                throw InvalidRequestException.invalid(
                        field, "a template holds {} where the label goes, e.g. \"a photo of a {}.\"");
            }
            if (template.codePointCount(0, template.length()) > MAX_TEMPLATE_CHARS) {
                throw InvalidRequestException.invalid(field, "at most " + MAX_TEMPLATE_CHARS + " characters");
            }
        }
        return List.copyOf(templates);
    }

    private List<String> photoIds(List<String> ids) {
        if (ids.isEmpty()) {
            throw InvalidRequestException.invalid("photoIds", "name at least one photo, or omit it for all photos");
        }
        if (ids.size() > limits.maxPhotos()) {
            throw InvalidRequestException.invalid(
                    "photoIds", "at most " + limits.maxPhotos() + " photos per request, got " + ids.size());
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank()) {
                throw InvalidRequestException.invalid("photoIds[" + i + "]", "a photo id must not be blank");
            }
        }
        return ids;
    }

    /** Counts top-1 labels over every photo and keeps the classifications to list. */
    private static final class Tally {
        private final List<String> labels;
        private final int limit;
        private final boolean confidentFirst;
        private final long[] counts;
        private final List<PhotoClassification> inOrder = new ArrayList<>();
        private final PriorityQueue<PhotoClassification> mostConfident;
        private long total;

        Tally(List<String> labels, int limit, boolean confidentFirst) {
            this.labels = labels;
            this.limit = limit;
            this.confidentFirst = confidentFirst;
            this.counts = new long[labels.size()];
            this.mostConfident = new PriorityQueue<>(CONFIDENT_FIRST.reversed()); // head: least confident
        }

        void add(String id, float[] vector, float[][] labelVectors, double logitScale) {
            double[] p = ZeroShotClassifier.probabilities(vector, labelVectors, logitScale);
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                if (p[i] > p[best]) {
                    best = i;
                }
            }
            counts[best]++;
            total++;
            if (!confidentFirst) {
                if (inOrder.size() < limit) {
                    inOrder.add(classification(id, p, best));
                }
                return;
            }
            if (mostConfident.size() < limit) {
                mostConfident.add(classification(id, p, best));
            } else if (p[best] > mostConfident.peek().probability()) {
                mostConfident.poll();
                mostConfident.add(classification(id, p, best));
            }
        }

        ClassifyResponse response(String model, String collection, int templates) {
            Map<String, Long> histogram = new LinkedHashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                histogram.put(labels.get(i), counts[i]);
            }
            List<PhotoClassification> listed = confidentFirst
                    ? mostConfident.stream().sorted(CONFIDENT_FIRST).toList()
                    : List.copyOf(inOrder);
            return new ClassifyResponse(model, collection, labels, templates, total, histogram, listed);
        }

        private PhotoClassification classification(String id, double[] p, int best) {
            Map<String, Double> probabilities = new LinkedHashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                probabilities.put(labels.get(i), p[i]);
            }
            return new PhotoClassification(id, labels.get(best), p[best], probabilities);
        }
    }
}
