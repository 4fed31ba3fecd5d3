package dev.loupe.encoders.quality;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ExecutionProvider;
import dev.loupe.encoders.ModelInfo;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.image.ImageLimits;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The command line of the quality harness ({@code ./loupe quality}): loads a model bundle, runs
 * zero-shot classification on a Caltech-style folder and text→image retrieval on a Flickr-style
 * folder, and prints a Markdown report (also written to {@code --out}).
 */
public final class QualityHarness {

    static final String USAGE = """
            usage: quality --model <bundle dir> [--caltech <dir>|none] [--split <file>] [--flickr <dir>|none]
                           [--limit N] [--threads N] [--batch N] [--provider cpu|cuda] [--out <report.md>]
              --model     a CLIP bundle in the Hugging Face ONNX layout (config.json, onnx/text_model.onnx, ...)
              --caltech   zero-shot dataset: classnames.tsv, templates.txt, the split file, images/<folder>/...
              --split     the split file inside --caltech (default test.txt)
              --flickr    retrieval dataset: captions.csv (image,caption) and images/
              --limit     evaluate at most N images per dataset, spread evenly (default: all)
              --threads   threads for image decoding and ONNX Runtime (default: one per core)
              --batch     images or texts per model call (default 32)
              --provider  ONNX Runtime execution provider (default cpu)
              --out       also write the report to this Markdown file
            'none' skips a dataset.""";

    /** Below this many dimensions a model is test-sized: every trained CLIP embeds in 512 or more. */
    private static final int SMALLEST_TRAINED_DIMENSIONS = 64;

    private static final String BUNDLED_RANDOM_MODEL = "clip-tiny-random";

    private QualityHarness() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the harness.
     *
     * @param out receives the report
     * @param err receives progress and errors
     * @return the exit status: 0 done, 1 a dataset, model or I/O problem, 2 bad arguments
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return HarnessCommand.run("quality", USAGE, args, out, err, Arguments::parse, QualityHarness::evaluate);
    }

    /** Reads the datasets (so a typo fails before the model loads), evaluates and returns the report. */
    private static String evaluate(Arguments arguments, PrintStream err) {
        ZeroShotDataset caltech = null;
        if (arguments.caltech() != null) {
            caltech = ZeroShotDataset.read(arguments.caltech(), arguments.split());
            caltech = arguments.limit() > 0 ? caltech.limit(arguments.limit()) : caltech;
        }
        CaptionDataset flickr = null;
        if (arguments.flickr() != null) {
            flickr = CaptionDataset.read(arguments.flickr());
            flickr = arguments.limit() > 0 ? flickr.limit(arguments.limit()) : flickr;
        }
        EvaluationOptions options =
                new EvaluationOptions(arguments.batchSize(), arguments.threads(), ImageLimits.DEFAULT);
        Path bundle = arguments.model();
        String id = bundle.toAbsolutePath().normalize().getFileName().toString();
        RuntimeOptions runtime = new RuntimeOptions(arguments.provider(), arguments.threads(), 0, 0);
        try (EmbeddingModel model = ModelLoader.load(id, bundle, runtime)) {
            String randomWeights = randomWeights(bundle, model.info());
            if (randomWeights != null) {
                err.println("quality: " + randomWeights + "; every number below is chance level");
            }
            MarkdownReport report = new MarkdownReport(describe(bundle, model.info(), options), randomWeights);
            MarkdownReport full = new MarkdownReport(describe(bundle, model.info(), options), randomWeights);
            if (caltech != null) {
                ZeroShotReport result = new ZeroShotEvaluation(model, options)
                        .evaluate(caltech, new ProgressLine(err, "quality", caltech.name()));
                report.zeroShot(result, false);
                full.zeroShot(result, true);
            }
            if (flickr != null) {
                RetrievalReport result = new RetrievalEvaluation(model, options)
                        .evaluate(flickr, new ProgressLine(err, "quality", flickr.name()));
                report.retrieval(result);
                full.retrieval(result);
            }
            if (arguments.out() != null) {
                HarnessCommand.write(arguments.out(), full.text());
                report.footer("Report with per-class accuracy written to " + arguments.out() + ".");
            }
            return report.text();
        }
    }

    /**
     * Why the bundle's weights are evidently random, or null when nothing says so: the bundled test
     * model, a bundle named as random, or a test-sized embedding.
     */
    public static String randomWeights(Path bundle, ModelInfo info) {
        String name = bundle.toAbsolutePath().normalize().getFileName().toString();
        if (name.equals(BUNDLED_RANDOM_MODEL)) {
            return "`" + name + "` is the random-weight test model bundled with Loupe (models/" + name + ")";
        }
        if (info.id().toLowerCase(Locale.ROOT).contains("random")) {
            return "the model `" + info.id() + "` is named as having random weights";
        }
        if (info.dimensions() < SMALLEST_TRAINED_DIMENSIONS) {
            return "the model `" + info.id() + "` embeds in " + info.dimensions()
                    + " dimensions, a test-sized model (trained CLIP models use 512 or more), such as the"
                    + " random-weight ../shared/fixtures/clip-tiny";
        }
        return null;
    }

    private static String describe(Path bundle, ModelInfo info, EvaluationOptions options) {
        return String.format(
                Locale.ROOT,
                "Model `%s` (%s): %d-d embeddings, %s; batches of %d, %d threads, %d cores, Java %s.",
                info.id(),
                bundle,
                info.dimensions(),
                info.executionProvider(),
                options.batchSize(),
                options.threads(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature());
    }

    /**
     * The parsed command line.
     *
     * @param caltech null to skip zero-shot classification
     * @param flickr null to skip retrieval
     * @param limit images per dataset, 0 for all
     * @param out null to print only
     */
    record Arguments(
            Path model,
            Path caltech,
            String split,
            Path flickr,
            int limit,
            int threads,
            int batchSize,
            ExecutionProvider provider,
            Path out) {

        /**
         * Parses the options; a later occurrence of an option overrides an earlier one (so that a
         * script's defaults can come first).
         *
         * @return null when help was asked for
         * @throws IllegalArgumentException saying what is wrong
         */
        static Arguments parse(String[] args) {
            Path model = null;
            Path caltech = null;
            String split = ZeroShotDataset.DEFAULT_SPLIT;
            Path flickr = null;
            int limit = 0;
            int threads = Runtime.getRuntime().availableProcessors();
            int batch = EvaluationOptions.DEFAULT_BATCH_SIZE;
            ExecutionProvider provider = ExecutionProvider.CPU;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("-h") || option.equals("--help")) {
                    return null;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(
                            option.startsWith("--")
                                    ? option + " needs a value"
                                    : "unexpected argument '" + option + "'");
                }
                String value = args[++i];
                switch (option) {
                    case "--model" -> model = Path.of(value);
                    case "--caltech" -> caltech = value.equals("none") ? null : Path.of(value);
                    case "--split" -> split = value;
                    case "--flickr" -> flickr = value.equals("none") ? null : Path.of(value);
                    case "--limit" -> limit = OptionValues.positive(option, value);
                    case "--threads" -> threads = OptionValues.positive(option, value);
                    case "--batch" -> batch = OptionValues.positive(option, value);
                    case "--provider" -> provider = OptionValues.provider(option, value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            if (model == null) {
                throw new IllegalArgumentException("--model is required");
            }
            if (caltech == null && flickr == null) {
                throw new IllegalArgumentException("nothing to evaluate: give --caltech or --flickr");
            }
            if (batch > EvaluationOptions.MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("--batch must be at most " + EvaluationOptions.MAX_BATCH_SIZE);
            }
            return new Arguments(model, caltech, split, flickr, limit, threads, batch, provider, out);
        }
    }
}
