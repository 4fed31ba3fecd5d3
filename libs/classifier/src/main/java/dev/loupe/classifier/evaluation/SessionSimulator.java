package dev.loupe.classifier.evaluation;

import dev.loupe.classifier.AverageVector;
import dev.loupe.classifier.HardExamples;
import dev.loupe.classifier.LabelledVector;
import dev.loupe.classifier.LinearClassifier;
import dev.loupe.classifier.LogisticTrainer;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A simulated user training a classifier session on a labelled collection: the session starts from a
 * prompt's direction; each round {@link HardExamples} proposes photos from a real {@link VectorStore} (the
 * labelled ones excluded, as the search service does), an oracle labels them by their class, and {@link
 * LogisticTrainer} retrains from the last round's classifier. After every round the trained classifier, the
 * prompt alone and the {@link AverageVector} baseline built from the same labels are each measured by
 * {@link Precision} at k over the whole collection.
 */
public final class SessionSimulator {

    /** Records per upsert while loading the collection. */
    private static final int UPSERT_BATCH = 1000;

    /**
     * How the simulated sessions run.
     *
     * @param rounds rounds of labelling per session, at least 1
     * @param labelsPerRound photos proposed and labelled per round, 1..100 (the candidates endpoint's limit)
     * @param precisionAt the k of precision at k, at least 1
     * @param boundaryShare the share of each round's candidates taken near the decision boundary, in [0, 1]
     * @param training the trainer's settings
     */
    public record Options(
            int rounds, int labelsPerRound, int precisionAt, double boundaryShare, LogisticTrainer.Options training) {

        /**
         * Ten rounds of ten labels, precision at 50, no candidates from the boundary (the default of the search
         * service's candidates endpoint), the trainer's defaults (the service's too).
         */
        public static final Options DEFAULTS = new Options(10, 10, 50, 0, LogisticTrainer.Options.DEFAULTS);

        public static final int MAX_LABELS_PER_ROUND = 100;

        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("a session needs at least one round, got " + rounds);
            }
            if (labelsPerRound < 1 || labelsPerRound > MAX_LABELS_PER_ROUND) {
                throw new IllegalArgumentException(
                        "labels per round must be between 1 and " + MAX_LABELS_PER_ROUND + ", got " + labelsPerRound);
            }
            if (precisionAt < 1) {
                throw new IllegalArgumentException("precision at k needs k >= 1, got " + precisionAt);
            }
            if (!(boundaryShare >= 0 && boundaryShare <= 1)) {
                throw new IllegalArgumentException("the boundary share must be in [0, 1], got " + boundaryShare);
            }
            if (training == null) {
                throw new IllegalArgumentException("the training options must not be null");
            }
        }
    }

    /**
     * What a simulated user wants.
     *
     * @param label the target class: the oracle calls a photo positive when it is of this class
     * @param name the class's name, for reports
     * @param prompt the direction the session starts from (a prompt's text embedding), of any length
     */
    public record Target(int label, String name, float[] prompt) {}

    private final VectorStore store;
    private final String collection;
    private final LabelledCollection photos;
    private final Options options;
    private final LogisticTrainer trainer;

    private SessionSimulator(VectorStore store, String collection, LabelledCollection photos, Options options) {
        this.store = store;
        this.collection = collection;
        this.photos = photos;
        this.options = options;
        this.trainer = new LogisticTrainer(options.training());
    }

    /**
     * Creates a cosine collection in the store and upserts every photo into it under {@link
     * LabelledCollection#id(int)}.
     *
     * @param collection a name the store has no other photos under
     */
    public static SessionSimulator load(
            VectorStore store, String collection, LabelledCollection photos, Options options) {
        store.createCollection(CollectionSpec.of(collection, photos.dimension()));
        for (int from = 0; from < photos.size(); from += UPSERT_BATCH) {
            List<PhotoRecord> batch = new ArrayList<>(UPSERT_BATCH);
            for (int i = from; i < Math.min(photos.size(), from + UPSERT_BATCH); i++) {
                batch.add(PhotoRecord.of(LabelledCollection.id(i), photos.vector(i)));
            }
            store.upsert(collection, batch);
        }
        return new SessionSimulator(store, collection, photos, options);
    }

    /**
     * Runs one session for the target: round 0 is the prompt alone, then {@link Options#rounds()} rounds of
     * labels. A round that finds nothing left to propose trains again on the labels it has (none only when
     * the store returns nothing at all: then the classifier stays as it was and loss and accuracy are NaN).
     *
     * @throws IllegalArgumentException when the prompt's dimension differs from the photos'
     */
    public SessionTrace simulate(Target target) {
        if (target.prompt().length != photos.dimension()) {
            throw new IllegalArgumentException(
                    "the prompt has " + target.prompt().length + " dimensions, the photos " + photos.dimension());
        }
        LinearClassifier classifier = LinearClassifier.toward(target.prompt());
        float[] prompt = classifier.weight();
        Set<String> labelledIds = new HashSet<>();
        Set<Integer> labelledIndexes = new HashSet<>();
        List<LabelledVector> labels = new ArrayList<>();
        int positives = 0;
        List<RoundResult> rounds = new ArrayList<>(options.rounds() + 1);
        Precision atStart = precision(prompt, target, labelledIndexes);
        rounds.add(new RoundResult(0, List.of(), 0, 0, atStart, atStart, atStart, Double.NaN, Double.NaN));
        for (int round = 1; round <= options.rounds(); round++) {
            List<HardExamples.Candidate> candidates = HardExamples.propose(
                    store,
                    collection,
                    Filter.all(),
                    classifier,
                    labelledIds,
                    options.labelsPerRound(),
                    options.boundaryShare());
            List<String> proposed = new ArrayList<>(candidates.size());
            for (HardExamples.Candidate candidate : candidates) {
                int index = photos.index(candidate.id());
                proposed.add(candidate.id());
                if (labelledIds.add(candidate.id())) {
                    labelledIndexes.add(index);
                    boolean positive = photos.label(index) == target.label();
                    labels.add(new LabelledVector(candidate.id(), photos.vector(index), positive));
                    positives += positive ? 1 : 0;
                }
            }
            LogisticTrainer.Result trained = labels.isEmpty() ? null : trainer.train(classifier, labels);
            classifier = trained == null ? classifier : trained.classifier();
            float[] average = positives > 0 ? AverageVector.of(labels) : prompt;
            rounds.add(new RoundResult(
                    round,
                    proposed,
                    labels.size(),
                    positives,
                    precision(classifier.weight(), target, labelledIndexes),
                    precision(prompt, target, labelledIndexes),
                    precision(average, target, labelledIndexes),
                    trained == null ? Double.NaN : trained.loss(),
                    trained == null ? Double.NaN : trained.accuracy()));
        }
        return new SessionTrace(target, photos.count(target.label()), photos.size(), rounds);
    }

    private Precision precision(float[] direction, Target target, Set<Integer> labelled) {
        return Precision.of(direction, photos, target.label(), options.precisionAt(), labelled);
    }
}
