package dev.loupe.quality.texts;

import dev.loupe.encoders.quality.CaptionDataset;
import dev.loupe.encoders.quality.DatasetException;
import dev.loupe.vectorstore.lexical.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The harness's corpora and their two tasks, built deterministically (a fixed seed):
 *
 * <ul>
 *   <li><b>paraphrases</b>: a document as the query, the documents that say the same in other words
 *       as the answers (the other captions of the same photo; the other question of a pair), the query's
 *       own document excluded;
 *   <li><b>fragments</b>, as question-bank users search: a contiguous span of 50–70 % of a document's
 *       words (characters, for Chinese) as the query, that document as the one answer.
 * </ul>
 */
final class Corpora {

    static final long SEED = 20_261_204L;
    static final String BUILTIN_CHINESE = "zh-paraphrases.tsv";

    private Corpora() {}

    /**
     * Flickr8k captions: every caption a document; paraphrase queries from the first caption of each of
     * {@code queries} photos (spread evenly), fragment queries from as many captions.
     */
    static Corpus captions(Path dir, int queries) {
        CaptionDataset data = CaptionDataset.read(dir);
        List<Corpus.Document> documents = new ArrayList<>();
        List<List<String>> byImage = new ArrayList<>();
        data.images().forEach(image -> byImage.add(new ArrayList<>()));
        for (int i = 0; i < data.captions().size(); i++) {
            CaptionDataset.Caption caption = data.captions().get(i);
            String id = "c" + i;
            documents.add(new Corpus.Document(id, caption.text()));
            byImage.get(caption.image()).add(id);
        }
        int images = byImage.size();
        int wanted = Math.min(queries, images);
        List<RetrievalTask.Query> paraphrases = new ArrayList<>();
        List<RetrievalTask.Query> fragments = new ArrayList<>();
        Random random = new Random(SEED);
        for (int q = 0; q < wanted; q++) {
            List<String> ids = byImage.get((int) ((long) q * images / wanted));
            if (ids.size() < 2) {
                continue;
            }
            String query = ids.getFirst();
            Set<String> others = new HashSet<>(ids.subList(1, ids.size()));
            paraphrases.add(new RetrievalTask.Query(text(documents, query), others, Set.of(query)));
            String target = ids.get(random.nextInt(ids.size()));
            fragments.add(new RetrievalTask.Query(wordSpan(text(documents, target), random), Set.of(target), Set.of()));
        }
        return new Corpus(
                "Flickr8k captions (" + dir.getFileName() + ": " + documents.size() + " captions of " + images
                        + " photos)",
                TextAnalysis.STANDARD,
                documents,
                List.of(
                        new RetrievalTask("paraphrases (the other captions of the photo)", paraphrases),
                        new RetrievalTask("fragments (50–70 % of a caption's words)", fragments)));
    }

    /**
     * Chinese question pairs (question, paraphrase): both sides documents; each side a paraphrase
     * query for the other; a fragment query of every document.
     *
     * @param tsv a file, or null for the harness's own pairs
     */
    static Corpus chinese(Path tsv) {
        List<String[]> pairs = pairs(tsv);
        List<Corpus.Document> documents = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            documents.add(new Corpus.Document("q" + i, pairs.get(i)[0]));
            documents.add(new Corpus.Document("p" + i, pairs.get(i)[1]));
        }
        List<RetrievalTask.Query> paraphrases = new ArrayList<>();
        List<RetrievalTask.Query> fragments = new ArrayList<>();
        Random random = new Random(SEED);
        for (int i = 0; i < pairs.size(); i++) {
            paraphrases.add(new RetrievalTask.Query(pairs.get(i)[0], Set.of("p" + i), Set.of("q" + i)));
            paraphrases.add(new RetrievalTask.Query(pairs.get(i)[1], Set.of("q" + i), Set.of("p" + i)));
        }
        for (Corpus.Document document : documents) {
            fragments.add(
                    new RetrievalTask.Query(characterSpan(document.text(), random), Set.of(document.id()), Set.of()));
        }
        return new Corpus(
                "Chinese question pairs (" + (tsv == null ? "written for Loupe, " + BUILTIN_CHINESE : tsv.toString())
                        + ": " + pairs.size() + " pairs)",
                TextAnalysis.CJK_BIGRAM,
                documents,
                List.of(
                        new RetrievalTask("paraphrases (the other question of the pair)", paraphrases),
                        new RetrievalTask("fragments (50–70 % of a question's characters)", fragments)));
    }

    /** A contiguous span of 50–70 % of the words (at least one). */
    static String wordSpan(String text, Random random) {
        String[] words = text.trim().split("\\s+");
        int length = Math.max(1, (int) Math.round(words.length * (0.5 + 0.2 * random.nextDouble())));
        int start = random.nextInt(words.length - length + 1);
        return String.join(" ", java.util.Arrays.copyOfRange(words, start, start + length));
    }

    /** A contiguous span of 50–70 % of the code points (at least two). */
    static String characterSpan(String text, Random random) {
        int[] points = text.strip().codePoints().toArray();
        int length = Math.min(points.length, Math.max(2, (int)
                Math.round(points.length * (0.5 + 0.2 * random.nextDouble()))));
        int start = random.nextInt(points.length - length + 1);
        return new String(points, start, length);
    }

    private static String text(List<Corpus.Document> documents, String id) {
        return documents.get(Integer.parseInt(id.substring(1))).text();
    }

    private static List<String[]> pairs(Path tsv) {
        String content;
        try {
            if (tsv == null) {
                try (InputStream in = Corpora.class.getResourceAsStream(BUILTIN_CHINESE)) {
                    content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                content = Files.readString(tsv, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Chinese pairs " + (tsv == null ? BUILTIN_CHINESE : tsv), e);
        }
        List<String[]> pairs = new ArrayList<>();
        boolean header = true;
        int line = 0;
        for (String row : content.split("\n")) {
            line++;
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false; // question<TAB>paraphrase
                continue;
            }
            String[] fields = row.split("\t");
            if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                throw new DatasetException((tsv == null ? BUILTIN_CHINESE : tsv) + ":" + line
                        + ": expected a question and its paraphrase separated by a tab");
            }
            pairs.add(new String[] {fields[0].strip(), fields[1].strip()});
        }
        return pairs;
    }
}
