package dev.loupe.classifier.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Writes simulated sessions as Markdown tables: the mean over the targets per round, and each target's last round. */
public final class SessionReport {

    /**
     * One round averaged over every target's session.
     *
     * @param labels labelled photos per session
     * @param positives of them, of the target class
     */
    public record MeanRound(
            int round, double labels, double positives, Precision trained, Precision prompt, Precision averageVector) {}

    private SessionReport() {}

    /**
     * Averages the sessions round by round.
     *
     * @throws IllegalArgumentException when there are no sessions or they differ in their number of rounds
     */
    public static List<MeanRound> means(List<SessionTrace> traces) {
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("no sessions to report");
        }
        int rounds = traces.getFirst().rounds().size();
        if (traces.stream().anyMatch(t -> t.rounds().size() != rounds)) {
            throw new IllegalArgumentException("the sessions differ in their number of rounds");
        }
        List<MeanRound> means = new ArrayList<>(rounds);
        for (int r = 0; r < rounds; r++) {
            List<RoundResult> results = new ArrayList<>(traces.size());
            for (SessionTrace trace : traces) {
                results.add(trace.rounds().get(r));
            }
            means.add(new MeanRound(
                    results.getFirst().round(),
                    mean(results, x -> (double) x.labels()),
                    mean(results, x -> (double) x.positives()),
                    meanPrecision(results, RoundResult::trained),
                    meanPrecision(results, RoundResult::prompt),
                    meanPrecision(results, RoundResult::averageVector)));
        }
        return means;
    }

    /**
     * Two tables: precision at {@code k} per round averaged over the targets (one row per round, round 0
     * being the prompt alone), then every target's last round.
     */
    public static String markdown(List<SessionTrace> traces, int k) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Precision@%d per round, mean over %d %s (\"all\": the %d best-scoring photos of the whole"
                        + " collection; \"unlabelled\": the %d best among the photos not labelled yet):%n%n",
                k,
                traces.size(),
                traces.size() == 1 ? "target" : "targets",
                k,
                k));
        out.append("| round | labelled | positive | trained, all | prompt, all | average vector, all"
                + " | trained, unlabelled | prompt, unlabelled | average vector, unlabelled |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MeanRound m : means(traces)) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %.0f | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    m.round(),
                    m.labels(),
                    m.positives(),
                    m.trained().all(),
                    m.prompt().all(),
                    m.averageVector().all(),
                    m.trained().unlabelled(),
                    m.prompt().unlabelled(),
                    m.averageVector().unlabelled()));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nA random ranking's expected precision is the target's share of the collection: %.3f on average"
                        + " over these targets.%n",
                traces.stream().mapToDouble(SessionTrace::chance).average().orElseThrow()));
        out.append(String.format(Locale.ROOT, "%nEach target after its last round (precision@%d, all):%n%n", k));
        out.append("| target | photos | labelled | positive | trained | prompt | average vector |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (SessionTrace trace : traces) {
            RoundResult last = trace.last();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %.2f | %.2f | %.2f |%n",
                    trace.target().name().replace("|", "\\|"),
                    trace.targetPhotos(),
                    last.labels(),
                    last.positives(),
                    last.trained().all(),
                    last.prompt().all(),
                    last.averageVector().all()));
        }
        return out.toString();
    }

    private static double mean(List<RoundResult> results, Function<RoundResult, Double> value) {
        return results.stream().mapToDouble(value::apply).average().orElseThrow();
    }

    private static Precision meanPrecision(List<RoundResult> results, Function<RoundResult, Precision> which) {
        return new Precision(
                mean(results, r -> which.apply(r).all()),
                mean(results, r -> which.apply(r).unlabelled()));
    }
}
