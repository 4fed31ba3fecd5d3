package dev.loupe.encoders.quality;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Writes a harness run as Markdown, readable as plain text on a terminal too. */
final class MarkdownReport {

    private static final int SKIPPED_SHOWN = 10; // enough to see a pattern without flooding the report

    private final StringBuilder out = new StringBuilder();

    /**
     * @param model one line saying what ran where
     * @param randomWeights why the weights look random, or null when they do not
     */
    MarkdownReport(String model, String randomWeights) {
        out.append("## Loupe quality report\n\n").append(model).append("\n\n");
        if (randomWeights != null) {
            out.append("> **These numbers are chance level, not a quality measurement.** ")
                    .append(randomWeights)
                    .append(". A model with random weights ranks photos arbitrarily; this run only shows that")
                    .append(" the harness and the pipeline work. Run it on real weights (deploy/models/fetch-model.sh")
                    .append(" fetches clip-vit-base-patch32) for numbers that mean something.\n\n");
        }
    }

    /** Adds the zero-shot section; with {@code perClass} the table of every class's accuracy too. */
    MarkdownReport zeroShot(ZeroShotReport report, boolean perClass) {
        out.append("### Zero-shot classification: ")
                .append(report.dataset())
                .append(" (")
                .append(report.split())
                .append(")\n\n");
        out.append(report.images())
                .append(" images classified into ")
                .append(report.classes())
                .append(" classes; each class is the mean of ")
                .append(report.templates())
                .append(" prompt embeddings (templates with the class name).\n\n");
        out.append("| metric | model | chance |\n|---|---:|---:|\n");
        row("top-1 accuracy", percent(report.top1()), percent(report.chanceTop1()));
        row("top-5 accuracy", percent(report.top5()), percent(report.chanceTop5()));
        out.append('\n');
        timing(report.elapsed(), report.images() + report.skipped().size(), "prompts included");
        skipped(report.skipped());
        if (perClass) {
            out.append("<details><summary>Top-1 accuracy per class</summary>\n\n");
            out.append("| folder | class name | images | correct | accuracy |\n|---|---|---:|---:|---:|\n");
            for (ClassAccuracy c : report.perClass()) {
                out.append("| ")
                        .append(c.folder())
                        .append(" | ")
                        .append(c.name())
                        .append(" | ")
                        .append(c.images())
                        .append(" | ")
                        .append(c.correct())
                        .append(" | ")
                        .append(c.images() == 0 ? "–" : percent(c.accuracy()))
                        .append(" |\n");
            }
            out.append("\n</details>\n\n");
        }
        return this;
    }

    /** Adds the retrieval section. */
    MarkdownReport retrieval(RetrievalReport report) {
        out.append("### Text→image retrieval: ").append(report.dataset()).append("\n\n");
        out.append(report.captions())
                .append(" captions each rank ")
                .append(report.images())
                .append(" images; a hit is the caption's own image among the first k.\n\n");
        out.append("| metric | model | chance |\n|---|---:|---:|\n");
        row("recall@1", percent(report.recallAt1()), percent(report.chance(1)));
        row("recall@5", percent(report.recallAt5()), percent(report.chance(5)));
        row("recall@10", percent(report.recallAt10()), percent(report.chance(10)));
        row("median rank", decimal(report.medianRank()), decimal(report.chanceMedianRank()));
        out.append('\n');
        timing(report.elapsed(), report.images() + report.skipped().size(), "captions included");
        skipped(report.skipped());
        return this;
    }

    /** Adds a closing line, such as the command that produced the report. */
    MarkdownReport footer(String line) {
        out.append(line).append('\n');
        return this;
    }

    String text() {
        return out.toString();
    }

    private void row(String metric, String model, String chance) {
        out.append("| ")
                .append(metric)
                .append(" | ")
                .append(model)
                .append(" | ")
                .append(chance)
                .append(" |\n");
    }

    private void timing(Duration elapsed, int images, String note) {
        double seconds = elapsed.toNanos() / 1e9;
        out.append(String.format(
                Locale.ROOT,
                "Took %.1f s: %.1f images/s (%s).%n%n",
                seconds,
                seconds > 0 ? images / seconds : 0,
                note));
    }

    private void skipped(List<SkippedImage> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        out.append(skipped.size()).append(" images could not be read and were left out:\n\n");
        for (SkippedImage image : skipped.subList(0, Math.min(SKIPPED_SHOWN, skipped.size()))) {
            out.append("- `")
                    .append(image.file())
                    .append("`: ")
                    .append(image.reason())
                    .append('\n');
        }
        if (skipped.size() > SKIPPED_SHOWN) {
            out.append("- … and ").append(skipped.size() - SKIPPED_SHOWN).append(" more\n");
        }
        out.append('\n');
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
