package dev.loupe.search.bench;

import dev.loupe.encoders.TestBundles;
import dev.loupe.encoders.bench.BenchFixtures;
import dev.loupe.encoders.quality.CaptionDataset;
import dev.loupe.search.TestPhotos;
import dev.loupe.testkit.EmbeddingLikeVectors;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.lucene.LuceneTextStore;
import dev.loupe.vectorstore.texts.MetadataValue;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextEntry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A data directory whose text collection {@value #COLLECTION} holds {@value #RECORDS} records: the
 * Flickr8k captions of {@code ../shared} over and over, each with a record number and metadata, and
 * embedding-like 384-d vectors ({@link EmbeddingLikeVectors}; the search's cost does not depend on
 * which vectors they are, and embedding 100k texts would take the benchmark ten minutes). Built once
 * under {@code target/bench-text-data} and reused while its count is right. The models directory holds
 * the CLIP test model and the real all-MiniLM-L6-v2, whose query encoding the benchmark times; the
 * import root holds a JSONL file of {@value #IMPORT_RECORDS} captions for the import measurement.
 */
public class TextBenchData implements QuarkusTestResourceLifecycleManager {

    static final int RECORDS = 100_000;
    static final int IMPORT_RECORDS = 2_000;
    static final String COLLECTION = "bench_texts";
    static final String MODEL = "all-minilm-l6-v2";
    static final String IMPORT_FILE = "captions.jsonl";

    private static final Logger LOG = Logger.getLogger(TextBenchData.class);
    private static final int DIMENSIONS = 384;
    private static final int BATCH = 2_000;
    private static final String[] SUBJECTS = {"animals", "people", "sport", "city", "nature", "water", "food", "play"};

    @Override
    public Map<String, String> start() {
        Path target = Path.of("target").toAbsolutePath();
        if (BenchFixtures.SHARED == null) {
            return Map.of(
                    "loupe.data-dir", target.resolve("bench-text-empty").toString(),
                    "loupe.models-dir", TestPhotos.modelsDir().toString(),
                    "quarkus.http.host", "127.0.0.1");
        }
        Path dataDir = target.resolve("bench-text-data");
        try {
            List<String> captions = captions();
            ensureRecords(dataDir.resolve("texts"), captions);
            Path root = Files.createDirectories(target.resolve("bench-text-import"));
            writeImport(root.resolve(IMPORT_FILE), captions);
            Path models = Files.createDirectories(target.resolve("bench-text-models"));
            link(models.resolve(TestPhotos.MODEL), TestPhotos.modelsDir().resolve(TestPhotos.MODEL));
            link(
                    models.resolve(MODEL),
                    TestBundles.installTextBundle(MODEL, Files.createDirectories(target.resolve("text-models"))));
            return Map.of(
                    "loupe.data-dir", dataDir.toString(),
                    "loupe.models-dir", models.toString(),
                    "loupe.model", TestPhotos.MODEL,
                    "loupe.imports.roots", root.toString(),
                    "quarkus.http.host", "127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the benchmark data in " + dataDir, e);
        }
    }

    @Override
    public void stop() {}

    static List<String> captions() {
        return CaptionDataset.read(BenchFixtures.SHARED.resolve("datasets/flickr8k-1000")).captions().stream()
                .map(CaptionDataset.Caption::text)
                .toList();
    }

    private static void link(Path link, Path target) throws IOException {
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, target);
        }
    }

    private static void ensureRecords(Path root, List<String> captions) {
        try (LuceneTextStore store = new LuceneTextStore(root)) {
            if (store.describe(COLLECTION).isPresent() && store.count(COLLECTION, Filter.all()) == RECORDS) {
                return;
            }
            store.dropCollection(COLLECTION);
            store.createCollection(TextCollectionSpec.of(COLLECTION, DIMENSIONS, MODEL));
            EmbeddingLikeVectors vectors = new EmbeddingLikeVectors(7, DIMENSIONS);
            long started = System.nanoTime();
            for (int from = 0; from < RECORDS; from += BATCH) {
                List<TextEntry> batch = new ArrayList<>(BATCH);
                for (int i = from; i < Math.min(RECORDS, from + BATCH); i++) {
                    batch.add(new TextEntry(
                            "t" + i,
                            vectors.vector(i),
                            captions.get(i % captions.size()) + " (record " + i + ")",
                            "answer " + i,
                            null,
                            Map.of(
                                    "subject", new MetadataValue.Text(SUBJECTS[i % SUBJECTS.length]),
                                    "grade", new MetadataValue.Integer(6 + i % 7)),
                            Instant.EPOCH));
                }
                store.upsert(COLLECTION, batch);
            }
            LOG.infof(
                    "text benchmark collection: %d records written in %.0f s",
                    store.count(COLLECTION, Filter.all()), (System.nanoTime() - started) / 1e9);
        }
    }

    private static void writeImport(Path file, List<String> captions) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < IMPORT_RECORDS; i++) {
            String text = captions.get(i).replace("\\", "\\\\").replace("\"", "\\\"");
            jsonl.append("{\"id\": \"i")
                    .append(i)
                    .append("\", \"text\": \"")
                    .append(text)
                    .append("\", \"metadata\": {\"grade\": ")
                    .append(6 + i % 7)
                    .append("}}\n");
        }
        Files.writeString(file, jsonl, StandardCharsets.UTF_8);
    }
}
