package dev.loupe.classifier.evaluation;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ExecutionProvider;
import dev.loupe.encoders.ModelInfo;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.encoders.quality.DatasetEmbedder;
import dev.loupe.encoders.quality.DatasetException;
import dev.loupe.encoders.quality.EvaluationOptions;
import dev.loupe.encoders.quality.HarnessCommand;
import dev.loupe.encoders.quality.OptionValues;
import dev.loupe.encoders.quality.ProgressLine;
import dev.loupe.encoders.quality.QualityHarness;
import dev.loupe.encoders.quality.SkippedImage;
import dev.loupe.encoders.quality.ZeroShotDataset;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of the classifier-session evaluation ({@code ./loupe classifier-eval}): embeds a
 * Caltech-style photo folder with a model bundle, puts the embeddings into a Lucene collection in a temporary
 * directory, runs one simulated session per target class ({@link SessionSimulator}) and prints the
 * precision table ({@link SessionReport}) as Markdown (also written to {@code --out}).
 */
public final class SessionHarness {

    static final String USAGE = """
            usage: classifier-eval --model <bundle dir> [--dataset <dir>] [--split <files>] [--limit N]
                                   [--targets <folders>] [--min-photos N] [--rounds N] [--per-round N]
                                   [--boundary F] [--template T] [--threads N] [--batch N]
                                   [--provider cpu|cuda] [--out <report.md>]
              --model       a CLIP bundle in the Hugging Face ONNX layout (config.json, onnx/..., tokenizer.json)
              --dataset     classnames.tsv, the split files and images/<folder>/... (the folder is the class)
              --split       split files inside --dataset whose photos form the collection, comma-separated
                            (default train.txt,test.txt: all of Caltech-101)
              --limit       keep at most N photos, spread evenly over the split (default: all)
              --targets     target classes by folder, comma-separated (default: every class with at least
                            --min-photos photos, BACKGROUND_Google excepted)
              --min-photos  the fewest photos a default target has (default 50, so precision@50 can reach 1)
              --rounds      rounds of labels per session (default 10)
              --per-round   photos proposed and labelled per round (default 10)
              --boundary    share of each round's proposals taken near the decision boundary (default 0, as the
                            search service's candidates endpoint)
              --template    the prompt, {} standing for the class name (default "a photo of a {}.")
              --threads     threads for image decoding and ONNX Runtime (default: one per core)
              --batch       images per model call (default 32)
              --provider    ONNX Runtime execution provider (default cpu)
              --out         also write the report to this Markdown file""";

    /** Caltech-101's clutter folder: random photos, not a category anyone would train a classifier for. */
    private static final Set<String> NOT_A_CATEGORY = Set.of("BACKGROUND_Google");

    private static final String COLLECTION = "evaluation";
    private static final String COMMAND = "classifier-eval";

    private SessionHarness() {}

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
        return HarnessCommand.run(COMMAND, USAGE, args, out, err, Arguments::parse, SessionHarness::evaluate);
    }

    /**
     * Reads the dataset (so a typo fails before the model loads), embeds it, simulates, and returns the
     * report, also written to {@code --out}.
     */
    private static String evaluate(Arguments arguments, PrintStream err) {
        ZeroShotDataset whole = read(arguments.dataset(), arguments.splits());
        ZeroShotDataset dataset = arguments.limit() > 0 ? whole.limit(arguments.limit()) : whole;
        Map<String, Integer> byFolder = new HashMap<>();
        for (int c = 0; c < dataset.classes().size(); c++) {
            byFolder.put(dataset.classes().get(c).folder(), c);
        }
        for (String folder : arguments.targets()) {
            if (!byFolder.containsKey(folder)) {
                throw new DatasetException("--targets names '" + folder + "', which is not a folder in classnames.tsv");
            }
        }
        Path bundle = arguments.model();
        String id = bundle.toAbsolutePath().normalize().getFileName().toString();
        RuntimeOptions runtime = new RuntimeOptions(arguments.provider(), arguments.threads(), 0, 0);
        try (EmbeddingModel model = ModelLoader.load(id, bundle, runtime)) {
            String randomWeights = QualityHarness.randomWeights(bundle, model.info());
            if (randomWeights != null) {
                err.println(COMMAND + ": " + randomWeights + "; every number below is chance level");
            }
            DatasetEmbedder embedder = new DatasetEmbedder(
                    model, new EvaluationOptions(arguments.batchSize(), arguments.threads(), ImageLimits.DEFAULT));
            ProgressLine progress = new ProgressLine(err, COMMAND, dataset.name());

            long embedStart = System.nanoTime();
            List<SkippedImage> skipped = new ArrayList<>();
            float[][] embeddings =
                    embedder.embedImages(dataset.imagesDir(), dataset.files(), "photos", progress, skipped);
            LabelledCollection photos = collection(dataset, embeddings);
            List<Integer> targetLabels = targets(arguments, dataset, photos, byFolder);
            List<String> prompts = targetLabels.stream()
                    .map(c -> arguments
                            .template()
                            .replace("{}", dataset.classes().get(c).name()))
                    .toList();
            float[][] promptEmbeddings = embedder.embedTexts(prompts, "prompts", progress);
            double embedSeconds = seconds(embedStart);

            long simulateStart = System.nanoTime();
            List<SessionTrace> traces = simulate(arguments, photos, targetLabels, dataset, promptEmbeddings, err);
            double simulateSeconds = seconds(simulateStart);

            String report = report(
                    arguments,
                    dataset,
                    model.info(),
                    randomWeights,
                    photos,
                    skipped,
                    traces,
                    embedSeconds,
                    simulateSeconds);
            if (arguments.out() != null) {
                HarnessCommand.write(arguments.out(), report);
            }
            return report;
        }
    }

    /** Reads every split and joins their photos (each once), with the dataset's classes. */
    private static ZeroShotDataset read(Path dir, List<String> splits) {
        List<ZeroShotDataset> parts =
                splits.stream().map(split -> ZeroShotDataset.read(dir, split)).toList();
        ZeroShotDataset first = parts.getFirst();
        Set<ZeroShotDataset.LabelledImage> images = new LinkedHashSet<>();
        parts.forEach(part -> images.addAll(part.images()));
        return new ZeroShotDataset(
                first.name(),
                String.join("+", splits),
                first.imagesDir(),
                first.classes(),
                first.templates(),
                List.copyOf(images));
    }

    /** The photos that could be embedded, with their classes. */
    private static LabelledCollection collection(ZeroShotDataset dataset, float[][] embeddings) {
        List<float[]> vectors = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int i = 0; i < embeddings.length; i++) {
            if (embeddings[i] != null) {
                vectors.add(embeddings[i]);
                classes.add(dataset.images().get(i).label());
            }
        }
        return new LabelledCollection(
                vectors.toArray(float[][]::new),
                classes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The target classes: those named, or every category with enough photos. */
    private static List<Integer> targets(
            Arguments arguments, ZeroShotDataset dataset, LabelledCollection photos, Map<String, Integer> byFolder) {
        if (!arguments.targets().isEmpty()) {
            return arguments.targets().stream().map(byFolder::get).toList();
        }
        List<Integer> targets = new ArrayList<>();
        for (int c = 0; c < dataset.classes().size(); c++) {
            if (!NOT_A_CATEGORY.contains(dataset.classes().get(c).folder())
                    && photos.count(c) >= arguments.minPhotos()) {
                targets.add(c);
            }
        }
        if (targets.isEmpty()) {
            throw new DatasetException("no class of " + dataset.name() + " has " + arguments.minPhotos()
                    + " photos among the " + photos.size() + " evaluated; lower --min-photos, raise --limit"
                    + " or name --targets");
        }
        return targets;
    }

    private static List<SessionTrace> simulate(
            Arguments arguments,
            LabelledCollection photos,
            List<Integer> targetLabels,
            ZeroShotDataset dataset,
            float[][] promptEmbeddings,
            PrintStream err) {
        Path root;
        try {
            root = Files.createTempDirectory("loupe-classifier-eval");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the collection", e);
        }
        try (LuceneVectorStore store = new LuceneVectorStore(root)) {
            SessionSimulator simulator = SessionSimulator.load(store, COLLECTION, photos, arguments.options());
            List<SessionTrace> traces = new ArrayList<>();
            for (int t = 0; t < targetLabels.size(); t++) {
                int label = targetLabels.get(t);
                traces.add(simulator.simulate(new SessionSimulator.Target(
                        label, dataset.classes().get(label).folder(), promptEmbeddings[t])));
                err.printf(Locale.ROOT, "%s: sessions %d/%d%n", COMMAND, t + 1, targetLabels.size());
            }
            store.dropCollection(COLLECTION);
            return traces;
        } finally {
            try {
                Files.deleteIfExists(root);
            } catch (IOException e) {
                err.println(COMMAND + ": could not remove the temporary collection " + root + ": " + e.getMessage());
            }
        }
    }

    private static String report(
            Arguments arguments,
            ZeroShotDataset dataset,
            ModelInfo info,
            String randomWeights,
            LabelledCollection photos,
            List<SkippedImage> skipped,
            List<SessionTrace> traces,
            double embedSeconds,
            double simulateSeconds) {
        SessionSimulator.Options options = arguments.options();
        StringBuilder out = new StringBuilder("## Loupe classifier sessions\n\n");
        out.append(String.format(
                Locale.ROOT,
                "Model `%s` (%s): %d-d embeddings, %s; %d cores, Java %s.%n%n",
                info.id(),
                arguments.model(),
                info.dimensions(),
                info.executionProvider(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature()));
        if (randomWeights != null) {
            out.append("> **These numbers are chance level, not a quality measurement.** ")
                    .append(randomWeights)
                    .append(". With random weights a prompt says nothing about the photos it should find (the prompt"
                            + " column sits at a random ranking's level), and labels can only teach how photos look"
                            + " to a random network, not what they show; this run only shows that the harness"
                            + " works. Run it on real weights (deploy/models/fetch-model.sh fetches"
                            + " clip-vit-base-patch32) for numbers that mean something.\n\n");
        }
        out.append(String.format(
                Locale.ROOT,
                "Collection: %d photos of %s (%s)%s. %d target %s%s; prompt \"%s\". Each session: %d rounds of"
                        + " %d labels proposed by HardExamples (%.0f %% of them near the decision boundary),"
                        + " labelled by folder, then LogisticTrainer from the last round's classifier; the"
                        + " average vector is 2·mean(positives) − mean(negatives) of the same labels.%n%n",
                photos.size(),
                dataset.name(),
                dataset.split(),
                skipped.isEmpty() ? "" : ", " + skipped.size() + " left out (could not be decoded)",
                traces.size(),
                traces.size() == 1 ? "class" : "classes",
                arguments.targets().isEmpty()
                        ? " (every class with at least " + arguments.minPhotos() + " photos, BACKGROUND_Google"
                                + " excepted)"
                        : "",
                arguments.template(),
                options.rounds(),
                options.labelsPerRound(),
                100 * options.boundaryShare()));
        out.append(SessionReport.markdown(traces, options.precisionAt()));
        out.append(String.format(
                Locale.ROOT,
                "%nTime: embedding %.1f s (%.1f photos/s), %d sessions %.1f s.%n",
                embedSeconds,
                (photos.size() + skipped.size()) / embedSeconds,
                traces.size(),
                simulateSeconds));
        return out.toString();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * The parsed command line.
     *
     * @param splits split files inside the dataset, at least one
     * @param limit photos at most, 0 for all
     * @param targets target folders, empty for every class with {@code minPhotos} photos
     * @param out null to print only
     */
    record Arguments(
            Path model,
            Path dataset,
            List<String> splits,
            int limit,
            List<String> targets,
            int minPhotos,
            String template,
            SessionSimulator.Options options,
            int threads,
            int batchSize,
            ExecutionProvider provider,
            Path out) {

        static final String DEFAULT_TEMPLATE = "a photo of a {}.";

        /**
         * Parses the options; a later occurrence of an option overrides an earlier one (so that a script's
         * defaults can come first).
         *
         * @return null when help was asked for
         * @throws IllegalArgumentException saying what is wrong
         */
        static Arguments parse(String[] args) {
            Path model = null;
            Path dataset = null;
            List<String> splits = List.of("train.txt", "test.txt");
            int limit = 0;
            List<String> targets = List.of();
            int minPhotos = SessionSimulator.Options.DEFAULTS.precisionAt();
            String template = DEFAULT_TEMPLATE;
            int rounds = SessionSimulator.Options.DEFAULTS.rounds();
            int perRound = SessionSimulator.Options.DEFAULTS.labelsPerRound();
            double boundary = SessionSimulator.Options.DEFAULTS.boundaryShare();
            int threads = Runtime.getRuntime().availableProcessors();
            int batch = EvaluationOptions.DEFAULT_BATCH_SIZE;
            ExecutionProvider provider = ExecutionProvider.CPU;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("-h") || option.equals("--help")) {
                    return null;
                }
                if (!option.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + option + "'");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--model" -> model = Path.of(value);
                    case "--dataset" -> dataset = Path.of(value);
                    case "--split" -> splits = list(option, value);
                    case "--limit" -> limit = OptionValues.positive(option, value);
                    case "--targets" -> targets = list(option, value);
                    case "--min-photos" -> minPhotos = OptionValues.positive(option, value);
                    case "--template" -> template = template(value);
                    case "--rounds" -> rounds = OptionValues.positive(option, value);
                    case "--per-round" -> perRound = OptionValues.positive(option, value);
                    case "--boundary" -> boundary = share(option, value);
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
            if (dataset == null) {
                throw new IllegalArgumentException("--dataset is required");
            }
            if (perRound > SessionSimulator.Options.MAX_LABELS_PER_ROUND) {
                throw new IllegalArgumentException(
                        "--per-round must be at most " + SessionSimulator.Options.MAX_LABELS_PER_ROUND);
            }
            if (batch > EvaluationOptions.MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("--batch must be at most " + EvaluationOptions.MAX_BATCH_SIZE);
            }
            SessionSimulator.Options options = new SessionSimulator.Options(
                    rounds,
                    perRound,
                    SessionSimulator.Options.DEFAULTS.precisionAt(),
                    boundary,
                    SessionSimulator.Options.DEFAULTS.training());
            return new Arguments(
                    model, dataset, splits, limit, targets, minPhotos, template, options, threads, batch, provider,
                    out);
        }

        private static List<String> list(String option, String value) {
            List<String> items = Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .distinct()
                    .toList();
            if (items.isEmpty()) {
                throw new IllegalArgumentException(option + " needs at least one name, got '" + value + "'");
            }
            return items;
        }

        private static String template(String value) {
            if (!value.contains("{}")) {
                throw new IllegalArgumentException(
                        "--template needs {} where the class name goes, got '" + value + "'");
            }
            return value;
        }

        private static double share(String option, String value) {
            try {
                double parsed = Double.parseDouble(value);
                if (parsed >= 0 && parsed <= 1) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException(option + " must be a number from 0 to 1, got '" + value + "'");
        }
    }
}
