package dev.loupe.classifier;

import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link LinearClassifier} to labelled vectors by gradient descent on the logistic loss, keeping the
 * direction at unit norm after every step (a step on the sphere) and learning the threshold beside it; the
 * sharpness stays as given. Steps follow the gradient's direction with a length that shrinks linearly over
 * the run (normalised gradient descent), so photos the model sees as nearly alike are still told apart. The two classes weigh equally whatever their counts, so three positives and
 * thirty negatives pull as hard as each other. Starts from the given classifier (the prompt, or the last
 * round's result), so a round refines rather than restarts. Deterministic and stateless: one instance
 * serves every thread.
 */
public final class LogisticTrainer {

    /**
     * @param maxSteps full-batch steps at most
     * @param learningRate the first step's length (direction and threshold together, in cosine units); each
     *     step is shorter, down to nothing at {@code maxSteps}
     * @param tolerance stops early once the gradient's length falls below it
     */
    public record Options(int maxSteps, double learningRate, double tolerance) {

        public static final Options DEFAULTS = new Options(200, 0.2, 1e-4);

        public Options {
            if (maxSteps < 1 || !(learningRate > 0) || !(tolerance >= 0)) {
                throw new IllegalArgumentException("maxSteps >= 1, learningRate > 0 and tolerance >= 0 are required");
            }
        }
    }

    /**
     * @param classifier the fitted classifier
     * @param loss the class-balanced mean logistic loss on the labels, after training
     * @param accuracy the fraction of labels the classifier gets right (probability ≥ 0.5 means positive)
     * @param steps steps taken
     */
    public record Result(LinearClassifier classifier, double loss, double accuracy, int steps) {}

    private final Options options;

    public LogisticTrainer(Options options) {
        this.options = options;
    }

    public LogisticTrainer() {
        this(Options.DEFAULTS);
    }

    /**
     * @throws IllegalArgumentException when there are no labels or a vector's length differs from the
     *     classifier's
     */
    public Result train(LinearClassifier start, List<LabelledVector> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("training needs at least one labelled photo");
        }
        int dimension = start.dimension();
        for (LabelledVector label : labels) {
            if (label.vector().length != dimension) {
                throw new IllegalArgumentException("photo " + label.id() + " has " + label.vector().length
                        + " dimensions, the classifier " + dimension);
            }
        }
        long positives = labels.stream().filter(LabelledVector::positive).count();
        long negatives = labels.size() - positives;
        // each class carries half the loss when both are present
        double positiveWeight = negatives == 0 ? 1 : labels.size() / (2.0 * positives);
        double negativeWeight = positives == 0 ? 1 : labels.size() / (2.0 * negatives);

        float[] w = start.weight();
        double threshold = start.threshold();
        double scale = start.scale();
        float[] gradient = new float[dimension];
        int steps = 0;
        while (steps < options.maxSteps()) {
            Arrays.fill(gradient, 0);
            double thresholdGradient = 0;
            for (LabelledVector label : labels) {
                double p = LinearClassifier.sigmoid(scale * (Vectors.dot(w, label.vector()) - threshold));
                double error = (label.positive() ? positiveWeight : negativeWeight)
                        * (p - (label.positive() ? 1 : 0))
                        / labels.size();
                float[] x = label.vector();
                for (int i = 0; i < dimension; i++) {
                    gradient[i] += (float) (error * x[i]);
                }
                thresholdGradient -= error;
            }
            // only the part of the gradient along the sphere moves a unit direction
            double radial = Vectors.dot(gradient, w);
            double length = thresholdGradient * thresholdGradient;
            for (int i = 0; i < dimension; i++) {
                gradient[i] -= (float) (radial * w[i]);
                length += (double) gradient[i] * gradient[i];
            }
            length = Math.sqrt(length);
            if (length < options.tolerance()) {
                break;
            }
            // a step of fixed length along the gradient, shrinking linearly to nothing by the last step: the
            // gradient's size says little (it is tiny between photos the model sees as almost alike, which
            // fine-grained classes are), its direction is what counts
            double step = options.learningRate() * (1 - (double) steps / options.maxSteps()) / length;
            for (int i = 0; i < dimension; i++) {
                w[i] -= (float) (step * gradient[i]);
            }
            w = Vectors.normalised(w);
            threshold = Math.clamp(threshold - step * thresholdGradient, -1, 1);
            steps++;
        }
        LinearClassifier trained = new LinearClassifier(w, threshold, scale);
        return new Result(
                trained, loss(trained, labels, positiveWeight, negativeWeight), accuracy(trained, labels), steps);
    }

    private static double loss(
            LinearClassifier classifier, List<LabelledVector> labels, double positiveWeight, double negativeWeight) {
        double sum = 0;
        for (LabelledVector label : labels) {
            double z = classifier.scale() * (classifier.score(label.vector()) - classifier.threshold());
            // log(1 + e^-z) for a positive, log(1 + e^z) for a negative, computed without overflow
            sum += label.positive() ? positiveWeight * softplus(-z) : negativeWeight * softplus(z);
        }
        return sum / labels.size();
    }

    private static double accuracy(LinearClassifier classifier, List<LabelledVector> labels) {
        long right = labels.stream()
                .filter(l -> (classifier.score(l.vector()) >= classifier.threshold()) == l.positive())
                .count();
        return (double) right / labels.size();
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }
}
