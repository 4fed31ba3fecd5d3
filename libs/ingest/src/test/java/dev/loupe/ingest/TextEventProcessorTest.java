package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.texts.TextRecord;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.lucene.LuceneTextStore;
import dev.loupe.vectorstore.texts.MetadataValue;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text events into a real (Lucene) text store with a scripted embedder. */
class TextEventProcessorTest {

    private static final int DIMENSIONS = 8;
    private static final String MODEL = "all-minilm-l6-v2";

    /** Vectors from the text's hash; refuses "REFUSE"; can be told to be down. */
    private static final class ScriptedEmbedder implements TextEmbedder {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean down;

        @Override
        public List<float[]> embedDocuments(String model, List<String> texts) {
            calls.incrementAndGet();
            if (down) {
                throw new IllegalStateException("embedder-service is unavailable (test)");
            }
            if (!model.equals(MODEL)) {
                throw new UnknownTextModelException(model, List.of(MODEL));
            }
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                if (texts.get(i).equals("REFUSE")) {
                    throw new TextRefusedException(i, "text " + i + " is refused (test)");
                }
                float[] v = new float[DIMENSIONS];
                java.util.Random random = new java.util.Random(texts.get(i).hashCode());
                for (int d = 0; d < DIMENSIONS; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                vectors.add(v);
            }
            return vectors;
        }

        @Override
        public List<float[]> embedQueries(String model, List<String> texts) {
            return embedDocuments(model, texts);
        }

        @Override
        public int dimensions(String model) {
            return DIMENSIONS;
        }

        @Override
        public List<String> models() {
            return List.of(MODEL);
        }
    }

    @TempDir
    Path root;

    private TextStore store;
    private ScriptedEmbedder embedder;
    private TextEventProcessor processor;

    @BeforeEach
    void open() {
        store = new LuceneTextStore(root);
        store.createCollection(TextCollectionSpec.of("qa", DIMENSIONS, MODEL));
        embedder = new ScriptedEmbedder();
        processor = new TextEventProcessor(() -> store, embedder);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static TextIngested event(String collection, String id, String text, Map<String, MetadataValue> metadata) {
        return new TextIngested(
                UUID.randomUUID().toString(),
                collection,
                new TextRecord(id, text, "a-" + id, null, metadata, 1),
                Instant.now());
    }

    private static Map<String, Class<?>> kinds(List<EventOutcome> outcomes) {
        Map<String, Class<?>> out = new java.util.TreeMap<>();
        outcomes.forEach(
                o -> out.put(o.event().itemId() + "@" + o.event().eventId().substring(0, 4), o.getClass()));
        return out;
    }

    @Test
    void records_are_embedded_and_upserted_and_a_second_delivery_is_skipped_as_unchanged() {
        List<TextIngested> events = List.of(
                event("qa", "q1", "What is 2 + 2?", Map.of("grade", new MetadataValue.Integer(1))),
                event("qa", "q2", "Name a prime number", Map.of()));

        List<EventOutcome> first = processor.process(events);
        List<EventOutcome> again = processor.process(events);

        assertThat(first).hasSize(2).allMatch(EventOutcome.Indexed.class::isInstance);
        assertThat(again)
                .hasSize(2)
                .allSatisfy(o -> assertThat(o)
                        .isInstanceOfSatisfying(
                                EventOutcome.Skipped.class,
                                s -> assertThat(s.reason()).isEqualTo(TextEventProcessor.UNCHANGED)));
        assertThat(embedder.calls).hasValue(1);
        TextEntry q1 = store.get("qa", List.of("q1")).getFirst();
        assertThat(q1.answer()).isEqualTo("a-q1");
        assertThat(q1.metadata()).containsEntry("grade", new MetadataValue.Integer(1));
        assertThat(q1.indexedAt()).isNotNull();
    }

    @Test
    void a_refused_text_and_a_metadata_type_clash_fail_alone() {
        processor.process(List.of(event("qa", "seed", "seed", Map.of("grade", new MetadataValue.Integer(1)))));

        List<EventOutcome> outcomes = processor.process(List.of(
                event("qa", "ok", "fine text", Map.of("grade", new MetadataValue.Number(2.5))),
                event("qa", "bad", "REFUSE", Map.of()),
                event("qa", "clash", "text", Map.of("grade", new MetadataValue.Text("seven")))));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes)
                .filteredOn(o -> o.event().itemId().equals("ok"))
                .singleElement()
                .isInstanceOf(EventOutcome.Indexed.class);
        assertThat(outcomes)
                .filteredOn(o -> o.event().itemId().equals("bad"))
                .singleElement()
                .isInstanceOfSatisfying(EventOutcome.Failed.class, f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.EMBEDDING);
                    assertThat(f.retryable()).isFalse();
                });
        assertThat(outcomes)
                .filteredOn(o -> o.event().itemId().equals("clash"))
                .singleElement()
                .isInstanceOfSatisfying(EventOutcome.Failed.class, f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.METADATA);
                    assertThat(f.message())
                            .contains("'grade' holds integer values")
                            .contains("got string");
                });
        assertThat(store.count("qa", Filter.all())).isEqualTo(2);
    }

    @Test
    void an_unknown_collection_fails_for_good_and_an_embedder_outage_for_now() {
        embedder.down = true;

        List<EventOutcome> outcomes =
                processor.process(List.of(event("nowhere", "x", "text", Map.of()), event("qa", "y", "text", Map.of())));

        assertThat(outcomes)
                .filteredOn(o -> o.event().collection().equals("nowhere"))
                .singleElement()
                .isInstanceOfSatisfying(EventOutcome.Failed.class, f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.COLLECTION);
                    assertThat(f.retryable()).isFalse();
                    assertThat(f.message()).contains("POST /v1/collections");
                });
        assertThat(outcomes)
                .filteredOn(o -> o.event().collection().equals("qa"))
                .singleElement()
                .isInstanceOfSatisfying(
                        EventOutcome.Failed.class,
                        f -> assertThat(f.retryable()).isTrue());
    }

    @Test
    void a_later_event_for_the_same_record_in_a_batch_wins() {
        List<EventOutcome> outcomes =
                processor.process(List.of(event("qa", "q", "first", Map.of()), event("qa", "q", "second", Map.of())));

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes)
                .filteredOn(EventOutcome.Skipped.class::isInstance)
                .singleElement()
                .satisfies(o ->
                        assertThat(((TextIngested) o.event()).record().text()).isEqualTo("first"));
        assertThat(store.get("qa", List.of("q")).getFirst().text()).isEqualTo("second");
        assertThat(kinds(outcomes)).hasSize(2);
    }
}
