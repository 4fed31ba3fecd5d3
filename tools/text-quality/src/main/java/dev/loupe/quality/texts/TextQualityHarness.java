package dev.loupe.quality.texts;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.quality.HarnessCommand;
import dev.loupe.encoders.quality.OptionValues;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of the text-collection quality harness ({@code ./loupe quality-texts}): for each
 * text model, caption-to-caption retrieval and fragment lookup on Flickr8k captions and the Chinese
 * question check, by dense, lexical and hybrid search with every fusion, through Loupe's encoders and
 * its standalone text store; a Markdown report (also written to {@code --out}).
 */
public final class TextQualityHarness {

    static final String USAGE = """
            usage: quality-texts --model <bundle dir> [--model <bundle dir> ...] [--flickr <dir>|none]
                                 [--chinese <tsv>|builtin|none] [--queries N] [--batch N] [--threads N] [--out <report.md>]
              --model     a text bundle (model.onnx, tokenizer.json, sentence-transformers configs), e.g. models/bge-small-en-v1.5
              --flickr    captions.csv (image,caption) with five captions per photo (default ../shared/datasets/flickr8k-1000)
              --chinese   question<TAB>paraphrase pairs; builtin: the harness's own 40 (default)
              --queries   paraphrase and fragment queries per task on the captions (default 1000)
              --batch     texts per model call (default 64)
              --threads   ONNX Runtime threads (default: one per core)
              --out       also write the report to this Markdown file
            'none' skips a corpus.""";

    /** The bar of issue 14, against which the report checks every hybrid method. */
    static final double PARAPHRASE_SLACK = 0.01;

    static final double FRAGMENT_BAR = 0.95;

    private TextQualityHarness() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return HarnessCommand.run(
                "quality-texts", USAGE, args, out, err, Arguments::parse, TextQualityHarness::evaluate);
    }

    record Arguments(
            List<Path> models,
            Path flickr,
            boolean chinese,
            Path chinesePairs,
            int queries,
            int batch,
            int threads,
            Path out) {

        static Arguments parse(String[] args) {
            List<Path> models = new ArrayList<>();
            Path flickr = Path.of("../shared/datasets/flickr8k-1000");
            boolean chinese = true;
            Path pairs = null;
            int queries = 1000;
            int batch = 64;
            int threads = 0;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    return null;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--model" -> models.add(Path.of(value));
                    case "--flickr" -> flickr = value.equals("none") ? null : Path.of(value);
                    case "--chinese" -> {
                        chinese = !value.equals("none");
                        pairs = value.equals("none") || value.equals("builtin") ? null : Path.of(value);
                    }
                    case "--queries" -> queries = OptionValues.positive(option, value);
                    case "--batch" -> batch = OptionValues.positive(option, value);
                    case "--threads" -> threads = OptionValues.positive(option, value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (models.isEmpty()) {
                throw new IllegalArgumentException("--model is required (a text bundle directory)");
            }
            if (flickr == null && !chinese) {
                throw new IllegalArgumentException("nothing to evaluate: both corpora are 'none'");
            }
            return new Arguments(List.copyOf(models), flickr, chinese, pairs, queries, batch, threads, out);
        }
    }

    private static String evaluate(Arguments arguments, PrintStream err) {
        List<Corpus> corpora = new ArrayList<>();
        if (arguments.flickr() != null) {
            corpora.add(Corpora.captions(arguments.flickr(), arguments.queries()));
        }
        if (arguments.chinese()) {
            Corpus chinese = Corpora.chinese(arguments.chinesePairs());
            corpora.add(chinese);
            corpora.add(chinese.withAnalysis(dev.loupe.vectorstore.lexical.TextAnalysis.SMART_CHINESE));
        }
        List<Method> methods = Method.all();
        List<TextQualityEvaluation.Result> results = new ArrayList<>();
        RuntimeOptions runtime =
                new RuntimeOptions(dev.loupe.encoders.ExecutionProvider.CPU, arguments.threads(), 0, 0);
        for (Path bundle : arguments.models()) {
            String id = bundle.toAbsolutePath().normalize().getFileName().toString();
            try (EmbeddingModel model = ModelLoader.load(id, bundle, runtime)) {
                for (Corpus corpus : corpora) {
                    results.add(TextQualityEvaluation.evaluate(model, corpus, methods, arguments.batch(), err));
                }
            }
        }
        String report = report(results, methods);
        if (arguments.out() != null) {
            HarnessCommand.write(arguments.out(), report);
        }
        return report;
    }

    static String report(List<TextQualityEvaluation.Result> results, List<Method> methods) {
        StringBuilder md = new StringBuilder("# Text collections: retrieval quality\n\n");
        md.append("Paraphrases: recall@1 and recall@10 (a query counts when an answer is within the first k hits) and"
                        + " MRR@10; fragments: hit@1 (the fragment's own document first). Bar (issue 14): hybrid recall@10 on"
                        + " paraphrases ≥ dense − ")
                .append(PARAPHRASE_SLACK)
                .append(" and hybrid hit@1 on fragments ≥ ")
                .append(FRAGMENT_BAR)
                .append(".\n");
        for (TextQualityEvaluation.Result result : results) {
            List<String> tasks = new ArrayList<>(result.byTask().keySet());
            Map<Method, TextQualityEvaluation.Scores> paraphrases =
                    result.byTask().get(tasks.get(0));
            Map<Method, TextQualityEvaluation.Scores> fragments =
                    result.byTask().get(tasks.get(1));
            md.append("\n## ")
                    .append(result.model())
                    .append(" — ")
                    .append(result.corpus().name())
                    .append("\n\n")
                    .append(String.format(
                            Locale.ROOT,
                            "%d paraphrase and %d fragment queries; %s analysis; indexed in %.1f s.%n%n",
                            result.corpus().tasks().get(0).queries().size(),
                            result.corpus().tasks().get(1).queries().size(),
                            result.corpus().analysis().wireName(),
                            result.indexSeconds()));
            md.append("| method | paraphrase R@1 | paraphrase R@10 | paraphrase MRR@10 | fragment hit@1 | bar |\n");
            md.append("|---|---|---|---|---|---|\n");
            double dense = paraphrases.get(methods.getFirst()).recallAt10();
            for (Method method : methods) {
                TextQualityEvaluation.Scores p = paraphrases.get(method);
                TextQualityEvaluation.Scores f = fragments.get(method);
                String bar = method.fusion() == null
                        ? ""
                        : p.recallAt10() >= dense - PARAPHRASE_SLACK && f.recallAt1() >= FRAGMENT_BAR ? "meets" : "—";
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.3f | %.3f | %.3f | %.3f | %s |%n",
                        method.label(),
                        p.recallAt1(),
                        p.recallAt10(),
                        p.mrr(),
                        f.recallAt1(),
                        bar));
            }
        }
        return md.toString();
    }
}
