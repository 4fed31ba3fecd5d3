package dev.loupe.search.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.classifier.AverageVector;
import dev.loupe.classifier.CollectionScorer;
import dev.loupe.classifier.HardExamples;
import dev.loupe.classifier.LabelledVector;
import dev.loupe.classifier.LinearClassifier;
import dev.loupe.classifier.LogisticTrainer;
import dev.loupe.search.classifier.ClassifierConflictException.Reason;
import dev.loupe.search.classifier.ClassifierSessionRepository.NewSession;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.EncoderInfo;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.search.encoder.UnitVectors;
import dev.loupe.search.photo.PhotoLookup;
import dev.loupe.search.photo.PhotoView;
import dev.loupe.search.photo.UnknownPhotoException;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.search.store.IncompatibleCollectionException;
import dev.loupe.service.problem.Problems;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.FilterJson;
import dev.loupe.vectorstore.InvalidFilterException;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Classifier sessions (see the package documentation): creates them from a prompt, example photos or
 * an exported classifier, proposes candidates, keeps labels, trains, applies and exports. Sessions and
 * labels live in {@link ClassifierSessionRepository}; photos and their vectors in the {@link
 * VectorStore}. Blocking; call from worker or virtual threads.
 */
@ApplicationScoped
public class ClassifierService {

    /** Longest session name, in characters. */
    static final int MAX_NAME_CHARS = 200;
    /** Most candidates per request: a screenful to label between two trainings. */
    static final int MAX_CANDIDATES = 100;

    static final int DEFAULT_CANDIDATES = 10;
    /** Most positives listed by apply (the store's largest search, too). */
    static final int MAX_APPLY_LIMIT = SearchQuery.MAX_LIMIT;

    static final int DEFAULT_APPLY_LIMIT = 100;
    static final double DEFAULT_APPLY_THRESHOLD = 0.5;
    /** Longest tag, and most tags per photo: Milvus' array field holds no more (MilvusSchema). */
    static final int MAX_TAG_CHARS = 256;

    static final int MAX_TAGS = 256;
    /** Longest labelled photo id, in UTF-8 bytes, so that a label's key fits a PostgreSQL index page. */
    static final int MAX_LABEL_ID_BYTES = 2048;
    /** Largest sharpness an import may carry: beyond it the probability is a step function anyway. */
    static final double MAX_SCALE = 1000;
    /** Longest session id: a UUID; longer ids are unknown without asking the database. */
    private static final int ID_CHARS = 36;

    private final VectorStore store;
    private final CollectionCatalog collections;
    private final PhotoLookup photos;
    private final QueryEncoder encoder;
    private final ClassifierSessionRepository sessions;
    private final SearchConfig.Classifiers limits;
    private final int maxTextChars;
    private final LogisticTrainer trainer;

    ClassifierService(
            VectorStore store,
            CollectionCatalog collections,
            PhotoLookup photos,
            QueryEncoder encoder,
            ClassifierSessionRepository sessions,
            SearchConfig config) {
        this.store = store;
        this.collections = collections;
        this.photos = photos;
        this.encoder = encoder;
        this.sessions = sessions;
        this.limits = config.classifiers();
        this.maxTextChars = config.limits().maxTextChars();
        this.trainer = new LogisticTrainer(new LogisticTrainer.Options(
                limits.training().maxSteps(),
                limits.training().learningRate(),
                LogisticTrainer.Options.DEFAULTS.tolerance()));
    }

    /**
     * Starts a session from a prompt (its text embedding), example photos (their mean, labelled right),
     * or both (the normalised sum of the two directions). The threshold starts at the score of the
     * {@code loupe.classifiers.initial-positives}-th nearest photo (at most half the collection or
     * filter), so applying before any training calls about that many photos positive.
     *
     * @throws InvalidRequestException when neither is given, or a field breaks a rule
     * @throws InvalidFilterException when the filter is malformed
     * @throws UnknownCollectionException when the collection does not exist
     * @throws IncompatibleCollectionException when another model built the collection
     * @throws UnknownPhotoException naming the examples the collection lacks
     * @throws ClassifierConflictException when {@code loupe.classifiers.max-sessions} are kept
     */
    public ClassifierView create(CreateClassifierRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    null,
                    "The request body is missing: send a JSON object such as {\"prompt\": \"a photo of a"
                            + " sunflower\"}",
                    "See the CreateClassifierRequest schema in /q/openapi.");
        }
        String prompt = prompt(request.prompt());
        List<String> examples = request.examples() == null ? null : ids("examples", request.examples());
        if (prompt == null && examples == null) {
            throw new InvalidRequestException(
                    null,
                    "Start a classifier from a 'prompt', from 'examples' (photo ids), or both",
                    "The prompt's text embedding, or the mean of the examples' vectors, is its first direction.");
        }
        if (examples != null && examples.isEmpty()) {
            throw InvalidRequestException.invalid("examples", "name at least one photo, or leave it out");
        }
        String name = name(request.name(), prompt != null ? prompt : "from " + count(examples.size(), "example"));
        String filterJson = filterJson(request.filter());
        Filter filter = filter(filterJson);
        CollectionSpec spec = collections.requireSearchable(request.collection());
        requireRoomForSession();

        double[] sum = new double[spec.dimensions()];
        if (examples != null) { // first: a cheap lookup that may fail before any inference
            List<LabelledVector> labelled = photos.requireAll(spec.name(), examples).stream()
                    .map(record -> new LabelledVector(record.id(), record.vector(), true))
                    .toList();
            UnitVectors.addScaledUnit(sum, AverageVector.of(labelled), 1);
        }
        if (prompt != null) {
            UnitVectors.addScaledUnit(sum, encoder.embedText(prompt), 1);
        }
        if (UnitVectors.norm(sum) == 0) {
            throw new InvalidRequestException(
                    "examples",
                    "The prompt and the examples point in opposite directions: send one of them",
                    "Their sum is zero, so the classifier would have no direction.");
        }
        float[] direction = UnitVectors.unit(sum);
        LinearClassifier classifier =
                LinearClassifier.toward(direction).withThreshold(initialThreshold(spec.name(), filter, direction));
        ClassifierSession session = sessions.create(
                new NewSession(
                        UUID.randomUUID().toString(),
                        name,
                        prompt,
                        spec.name(),
                        filterJson,
                        encoder.info().modelId(),
                        classifier),
                examples == null ? List.of() : examples);
        return view(session);
    }

    /** The newest sessions, at most {@code loupe.classifiers.list-limit}. */
    public ClassifierList list() {
        return new ClassifierList(
                sessions.recent(limits.listLimit()).stream().map(this::view).toList());
    }

    /** @throws UnknownClassifierException when there is no such session */
    public ClassifierView get(String id) {
        return view(require(id));
    }

    /** @throws UnknownClassifierException when there is no such session */
    public void delete(String id) {
        if (id.length() > ID_CHARS || !sessions.delete(id)) {
            throw new UnknownClassifierException(id);
        }
    }

    /**
     * The unlabelled photos worth labelling next (see {@link HardExamples}).
     *
     * @param limit raw query parameter, 1..100 (default 10)
     * @param boundary raw query parameter: the share taken from near the decision boundary, 0..1 (default 0)
     * @throws UnknownClassifierException when there is no such session
     */
    public CandidateList candidates(String id, String limit, String boundary) {
        int count = RequestNumbers.integer("limit", limit, DEFAULT_CANDIDATES, 1, MAX_CANDIDATES);
        Double share = RequestNumbers.decimal("boundary", boundary, 0, 1);
        ClassifierSession session = require(id);
        Scope scope = scope(session);
        List<HardExamples.Candidate> candidates = HardExamples.propose(
                store,
                scope.collection(),
                scope.filter(),
                session.classifier(),
                sessions.labels(id).keySet(),
                count,
                share == null ? 0 : share);
        return new CandidateList(candidates.stream()
                .map(c -> ClassifiedPhoto.of(
                        PhotoView.of(c.record(), null, scope.collection()), c.score(), c.probability(), c.boundary()))
                .toList());
    }

    /**
     * Labels photos right or wrong (a labelled photo takes its new label) and removes labels.
     *
     * @throws InvalidRequestException when no id is given, too many are, or one is in two lists
     * @throws UnknownClassifierException when there is no such session
     * @throws UnknownPhotoException naming the labelled ids the session's collection lacks
     * @throws ClassifierConflictException when the session would hold more than {@code max-labels}
     */
    public ClassifierView label(String id, LabelsRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    null,
                    "The request body is missing: send a JSON object such as {\"positive\": [\"a.jpg\"],"
                            + " \"negative\": [\"b.jpg\"]}",
                    "See the LabelsRequest schema in /q/openapi.");
        }
        List<String> positive = ids("positive", request.positive());
        List<String> negative = ids("negative", request.negative());
        List<String> remove = ids("remove", request.remove());
        int total = positive.size() + negative.size() + remove.size();
        if (total == 0) {
            throw new InvalidRequestException(
                    null,
                    "Name at least one photo in 'positive', 'negative' or 'remove'",
                    "See the LabelsRequest schema in /q/openapi.");
        }
        if (total > limits.maxBatch()) {
            throw InvalidRequestException.invalid(
                    null,
                    "at most " + limits.maxBatch() + " photo ids per request, got " + total
                            + " (loupe.classifiers.max-batch)");
        }
        Map<String, String> listOf = new HashMap<>();
        for (Map.Entry<String, List<String>> list : List.of(
                Map.entry("positive", positive), Map.entry("negative", negative), Map.entry("remove", remove))) {
            for (String photo : list.getValue()) {
                String other = listOf.putIfAbsent(photo, list.getKey());
                if (other != null) {
                    throw new InvalidRequestException(
                            list.getKey(),
                            "Photo '" + Problems.quote(photo) + "' is in both '" + other + "' and '" + list.getKey()
                                    + "': name each photo once",
                            "A photo is labelled right, labelled wrong, or unlabelled.");
                }
            }
        }
        ClassifierSession session = require(id);
        Scope scope = scope(session);
        List<String> labelled = new ArrayList<>(positive);
        labelled.addAll(negative);
        if (!labelled.isEmpty()) {
            photos.requireAll(scope.collection(), labelled);
        }
        sessions.label(id, positive, negative, remove, limits.maxLabels());
        return view(require(id));
    }

    /** @throws UnknownClassifierException when there is no such session */
    public LabelList labels(String id) {
        require(id);
        List<String> positive = new ArrayList<>();
        List<String> negative = new ArrayList<>();
        sessions.labels(id).forEach((photo, right) -> (right ? positive : negative).add(photo));
        return new LabelList(positive, negative);
    }

    /**
     * Trains the session's classifier on its labelled photos, starting from its current one (see {@link
     * LogisticTrainer}), stores it, and reports the round.
     *
     * @throws UnknownClassifierException when there is no such session
     * @throws ClassifierConflictException when it has no labelled photo in its collection, or another
     *     round was stored meanwhile
     */
    public TrainingRound train(String id) {
        ClassifierSession session = require(id);
        Scope scope = scope(session);
        Map<String, Boolean> labels = sessions.labels(id);
        if (labels.isEmpty()) {
            throw new ClassifierConflictException(
                    Reason.NO_LABELS,
                    "Nothing to train on: label some candidates right or wrong first",
                    "POST /v1/classifiers/{id}/labels with {\"positive\": [...], \"negative\": [...]}.");
        }
        List<LabelledVector> labelled = store.get(scope.collection(), labels.keySet()).stream()
                .map(record -> new LabelledVector(record.id(), record.vector(), labels.get(record.id())))
                .toList();
        if (labelled.isEmpty()) {
            throw new ClassifierConflictException(
                    Reason.NO_LABELS,
                    "None of the " + labels.size() + " labelled photos is still in collection '" + scope.collection()
                            + "': label photos it holds",
                    "Photos deleted from the collection drop out of training.");
        }
        Set<String> before = top(scope, session.classifier());
        LogisticTrainer.Result result = trainer.train(session.classifier(), labelled);
        Set<String> after = top(scope, result.classifier());
        int positives = (int) labelled.stream().filter(LabelledVector::positive).count();
        TrainingRound round = new TrainingRound(
                session.round() + 1,
                result.loss(),
                result.accuracy(),
                result.steps(),
                positives,
                labelled.size() - positives,
                result.classifier().threshold(),
                new TopChanged(topK(), difference(after, before), difference(before, after)),
                sessions.now());
        if (!sessions.saveTraining(id, session.round(), result.classifier(), round)) {
            require(id); // deleted meanwhile: 404
            throw new ClassifierConflictException(
                    Reason.CONCURRENT_UPDATE,
                    "The session was trained by another request meanwhile: train again",
                    "Nothing was stored from this round.");
        }
        return round;
    }

    /**
     * Scores every photo of the session's collection (or filter) and lists the most probable positives;
     * with a tag, adds it to every positive.
     *
     * @throws InvalidRequestException when the threshold, limit or tag break a rule
     * @throws UnknownClassifierException when there is no such session
     */
    public ApplyResponse apply(String id, ApplyRequest request) {
        ApplyRequest given = request == null ? new ApplyRequest(null, null, null) : request;
        double threshold = given.threshold() == null
                ? DEFAULT_APPLY_THRESHOLD
                : RequestNumbers.decimal("threshold", given.threshold(), 0, 1);
        if (threshold == 0 || threshold == 1) {
            throw InvalidRequestException.invalid(
                    "threshold", "a probability strictly between 0 and 1, got " + threshold);
        }
        int limit = given.limit() == null
                ? DEFAULT_APPLY_LIMIT
                : RequestNumbers.integer("limit", given.limit(), 0, MAX_APPLY_LIMIT);
        String tag = given.tag() == null ? null : tag(given.tag());
        ClassifierSession session = require(id);
        Scope scope = scope(session);
        long[] tagged = new long[1];
        Consumer<List<PhotoRecord>> tagger = tag == null
                ? page -> {}
                : page -> {
                    List<PhotoRecord> changed = new ArrayList<>();
                    for (PhotoRecord record : page) {
                        PhotoRecord withTag = withTag(record, tag);
                        if (withTag != record) {
                            changed.add(withTag);
                        }
                        if (withTag.tags().contains(tag)) {
                            tagged[0]++;
                        }
                    }
                    if (!changed.isEmpty()) {
                        store.upsert(scope.collection(), changed);
                    }
                };
        CollectionScorer.Result result = CollectionScorer.apply(
                store, scope.collection(), scope.filter(), session.classifier(), threshold, limit, tagger);
        List<ClassifiedPhoto> hits = result.best().stream()
                .map(best -> ClassifiedPhoto.of(
                        PhotoView.of(
                                tag == null ? best.record() : withTag(best.record(), tag), null, scope.collection()),
                        best.score(),
                        best.probability(),
                        null))
                .toList();
        return new ApplyResponse(result.scanned(), result.positives(), tagged[0], hits);
    }

    /** @throws UnknownClassifierException when there is no such session */
    public ClassifierExport export(String id) {
        ClassifierSession session = require(id);
        LinearClassifier classifier = session.classifier();
        return new ClassifierExport(
                ClassifierExport.FORMAT,
                session.name(),
                session.modelId(),
                classifier.dimension(),
                session.prompt(),
                session.collection(),
                classifier.weight(),
                classifier.threshold(),
                classifier.scale(),
                session.labels(),
                sessions.now());
    }

    /**
     * Starts a session (round 0, no labels) with an exported classifier. Its collection is {@code
     * collection} when given, else the export's when it exists here, else the default collection.
     *
     * @throws InvalidRequestException when the export is malformed
     * @throws ClassifierConflictException when it was made with another model or dimension, or {@code
     *     max-sessions} are kept
     * @throws UnknownCollectionException when {@code collection} does not exist
     */
    public ClassifierView importClassifier(ClassifierExport export, String collection) {
        if (export == null) {
            throw new InvalidRequestException(
                    null,
                    "The request body is missing: send the JSON of GET /v1/classifiers/{id}/export",
                    "See the ClassifierExport schema in /q/openapi.");
        }
        if (!ClassifierExport.FORMAT.equals(export.format())) {
            throw InvalidRequestException.invalid(
                    "format", "expected \"" + ClassifierExport.FORMAT + "\" (the export's format)");
        }
        if (export.modelId() == null || export.modelId().isBlank()) {
            throw InvalidRequestException.invalid("modelId", "name the model the classifier was made with");
        }
        if (export.dimension() == null) {
            throw InvalidRequestException.invalid("dimension", "give the number of weights");
        }
        if (export.weights() == null || export.weights().length != export.dimension()) {
            throw InvalidRequestException.invalid(
                    "weights",
                    "expected " + export.dimension() + " numbers (the dimension), got "
                            + (export.weights() == null ? "none" : export.weights().length));
        }
        if (export.threshold() == null) {
            throw InvalidRequestException.invalid("threshold", "give the classifier's threshold, -1 to 1");
        }
        double threshold = RequestNumbers.decimal("threshold", export.threshold(), -1, 1);
        double scale = export.scale() == null
                ? LinearClassifier.DEFAULT_SCALE
                : RequestNumbers.decimal("scale", export.scale(), Double.MIN_VALUE, MAX_SCALE);
        String prompt = prompt(export.prompt());
        String name = name(export.name(), prompt != null ? prompt : "imported classifier");
        EncoderInfo model = encoder.info();
        if (!model.modelId().equals(export.modelId())) {
            throw new ClassifierConflictException(
                    Reason.OTHER_MODEL,
                    "The classifier was made with model '" + Problems.quote(export.modelId())
                            + "', this service embeds with '" + model.modelId() + "': import it where that model runs",
                    "A classifier scores the embeddings of the model it was trained on only.");
        }
        if (export.dimension() != model.dimensions()) {
            throw new ClassifierConflictException(
                    Reason.OTHER_DIMENSION,
                    "The classifier has " + export.dimension() + " weights, model '" + model.modelId() + "' embeds in "
                            + model.dimensions() + " dimensions",
                    "The export does not match its model: export it again.");
        }
        LinearClassifier classifier;
        try {
            classifier = new LinearClassifier(export.weights(), threshold, scale);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalid("weights", e.getMessage());
        }
        CollectionSpec spec = collections.requireSearchable(importCollection(collection, export.collection()));
        requireRoomForSession();
        return view(sessions.create(
                new NewSession(
                        UUID.randomUUID().toString(), name, prompt, spec.name(), null, model.modelId(), classifier),
                List.of()));
    }

    private String importCollection(String requested, String exported) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        boolean exists = exported != null
                && store.listCollections().stream().anyMatch(spec -> spec.name().equals(exported));
        return exists ? exported : null;
    }

    /** A session's collection and filter, checked to suit its classifier. */
    private record Scope(String collection, Filter filter) {}

    private Scope scope(ClassifierSession session) {
        CollectionSpec spec = collections.require(session.collection());
        if (spec.dimensions() != session.classifier().dimension()) {
            throw new ClassifierConflictException(
                    Reason.OTHER_DIMENSION,
                    "Collection '" + spec.name() + "' now holds " + spec.dimensions() + "-dimensional vectors, the"
                            + " classifier has " + session.classifier().dimension() + " weights: start a new session",
                    "The collection was rebuilt with another model since the session started.");
        }
        return new Scope(spec.name(), filter(session.filterJson()));
    }

    private ClassifierSession require(String id) {
        if (id == null || id.length() > ID_CHARS) {
            throw new UnknownClassifierException(String.valueOf(id));
        }
        return sessions.find(id).orElseThrow(() -> new UnknownClassifierException(id));
    }

    private void requireRoomForSession() {
        if (sessions.count() >= limits.maxSessions()) {
            throw new ClassifierConflictException(
                    Reason.TOO_MANY_SESSIONS,
                    "There are already " + limits.maxSessions() + " classifier sessions: delete some first",
                    "DELETE /v1/classifiers/{id} (loupe.classifiers.max-sessions).");
        }
    }

    /** The ids of the classifier's top photos. */
    private Set<String> top(Scope scope, LinearClassifier classifier) {
        List<SearchHit> hits = store.search(
                scope.collection(),
                new SearchQuery(classifier.weight(), scope.filter(), topK(), 0, Set.of(), null, false));
        Set<String> ids = new HashSet<>();
        hits.forEach(hit -> ids.add(hit.record().id()));
        return ids;
    }

    private int topK() {
        return Math.clamp(limits.topK(), 1, SearchQuery.MAX_LIMIT);
    }

    private static int difference(Set<String> a, Set<String> b) {
        return (int) a.stream().filter(id -> !b.contains(id)).count();
    }

    /** The score of the initial-positives-th nearest photo (at most half of those in scope); 0 when none. */
    private double initialThreshold(String collection, Filter filter, float[] direction) {
        long inScope = store.count(collection, filter);
        if (inScope == 0) {
            return 0;
        }
        int rank = (int) Math.clamp(Math.min(limits.initialPositives(), inScope / 2), 1, SearchQuery.MAX_LIMIT);
        List<SearchHit> hits =
                store.search(collection, new SearchQuery(direction, filter, rank, 0, Set.of(), null, false));
        return hits.isEmpty() ? 0 : Math.clamp(hits.getLast().score(), -1, 1);
    }

    /** The record with {@code tag} added; the record itself when it has the tag or no room for one more. */
    private static PhotoRecord withTag(PhotoRecord record, String tag) {
        if (record.tags().contains(tag) || record.tags().size() >= MAX_TAGS) {
            return record;
        }
        List<String> tags = new ArrayList<>(record.tags());
        tags.add(tag);
        return record.withTags(tags);
    }

    private ClassifierView view(ClassifierSession session) {
        LinearClassifier classifier = session.classifier();
        return new ClassifierView(
                session.id(),
                session.name(),
                session.prompt(),
                session.collection(),
                filterNode(session.filterJson()),
                session.modelId(),
                classifier.dimension(),
                session.round(),
                session.labels(),
                classifier.threshold(),
                classifier.scale(),
                session.createdAt(),
                session.updatedAt(),
                session.lastTraining());
    }

    private String prompt(String prompt) {
        if (prompt == null) {
            return null;
        }
        if (prompt.isBlank()) {
            throw InvalidRequestException.invalid("prompt", "must not be blank; leave it out to start from examples");
        }
        int chars = prompt.codePointCount(0, prompt.length());
        if (chars > maxTextChars) {
            throw InvalidRequestException.invalid(
                    "prompt",
                    "at most " + maxTextChars + " characters, got " + chars + " (loupe.limits.max-text-chars)");
        }
        return prompt;
    }

    /** The given name, checked, or the fallback cut to {@link #MAX_NAME_CHARS}. */
    private static String name(String name, String fallback) {
        if (name == null) {
            return fallback.codePointCount(0, fallback.length()) <= MAX_NAME_CHARS
                    ? fallback
                    : fallback.substring(0, fallback.offsetByCodePoints(0, MAX_NAME_CHARS - 1)) + "…";
        }
        if (name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            throw InvalidRequestException.invalid("name", "1 to " + MAX_NAME_CHARS + " characters, not blank");
        }
        return name;
    }

    private static String tag(String tag) {
        if (tag.isBlank()
                || tag.codePointCount(0, tag.length()) > MAX_TAG_CHARS
                || tag.codePoints().anyMatch(Character::isISOControl)) {
            throw InvalidRequestException.invalid(
                    "tag", "1 to " + MAX_TAG_CHARS + " characters, not blank, without control characters");
        }
        return tag;
    }

    /**
     * Checks a list of photo ids: no null or blank id, none too long for a label, no repeats (dropped).
     *
     * @return the distinct ids in order; empty for null
     */
    private List<String> ids(String field, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > limits.maxBatch()) {
            throw InvalidRequestException.invalid(
                    field,
                    "at most " + limits.maxBatch() + " photo ids, got " + ids.size()
                            + " (loupe.classifiers.max-batch)");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String photo = ids.get(i);
            if (photo == null || photo.isBlank()) {
                throw InvalidRequestException.invalid(field + "[" + i + "]", "a photo id must not be blank");
            }
            if (photo.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_ID_BYTES) {
                throw InvalidRequestException.invalid(
                        field + "[" + i + "]",
                        "photo ids of more than " + MAX_LABEL_ID_BYTES + " bytes cannot be labelled");
            }
            distinct.add(photo);
        }
        return List.copyOf(distinct);
    }

    /** The filter in its canonical JSON text, to keep; null for none. */
    private static String filterJson(JsonNode filter) {
        Filter parsed = FilterJson.parse(filter);
        return parsed instanceof Filter.All ? null : FilterJson.write(parsed);
    }

    private static Filter filter(String filterJson) {
        return FilterJson.parse(filterJson);
    }

    private static JsonNode filterNode(String filterJson) {
        return filterJson == null ? null : FilterJson.toJson(FilterJson.parse(filterJson));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
