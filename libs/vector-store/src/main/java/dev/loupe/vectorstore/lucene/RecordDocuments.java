package dev.loupe.vectorstore.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.vectorstore.FilterField;
import dev.loupe.vectorstore.PhotoRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * Maps a {@link PhotoRecord} to a Lucene document and back. The record is kept as a stored JSON
 * source plus the raw vector; filterable fields are indexed beside it: strings, tags and
 * {@code extra.<key>} as keyword terms, integers and instants (epoch millis) as {@link LongPoint}s,
 * and the name of every present field under {@link #PRESENT}.
 */
final class RecordDocuments {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String PRESENT = "_present";
    static final String SOURCE = "_source";
    static final String STORED_VECTOR = "_vector";
    // Lucene rejects terms longer than this; longer values are kept but only "present" for filters,
    // which is still right: a filter value is at most 1024 characters, so it can never equal them.
    private static final int MAX_TERM_BYTES = 32_766;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordDocuments() {}

    static String indexName(FilterField field) {
        return field.name();
    }

    static Document toDocument(PhotoRecord r, float[] indexedVector, VectorSimilarityFunction similarity) {
        Document doc = new Document();
        doc.add(new StringField(ID, r.id(), Field.Store.NO));
        doc.add(new StringField(PRESENT, ID, Field.Store.NO));
        doc.add(new KnnFloatVectorField(VECTOR, indexedVector, similarity));
        doc.add(new StoredField(STORED_VECTOR, toBytes(indexedVector)));
        keyword(doc, "url", r.url());
        keyword(doc, "title", r.title());
        keyword(doc, "source", r.source());
        keyword(doc, "contentHash", r.contentHash());
        keyword(doc, "modelId", r.modelId());
        number(doc, "width", r.width() == null ? null : r.width().longValue());
        number(doc, "height", r.height() == null ? null : r.height().longValue());
        number(doc, "takenAt", r.takenAt() == null ? null : r.takenAt().toEpochMilli());
        number(doc, "indexedAt", r.indexedAt() == null ? null : r.indexedAt().toEpochMilli());
        for (String tag : r.tags()) {
            if (fitsTerm(tag)) {
                doc.add(new StringField("tags", tag, Field.Store.NO));
            }
        }
        r.extra().forEach((key, value) -> keyword(doc, "extra." + key, value));
        doc.add(new StoredField(SOURCE, source(r)));
        return doc;
    }

    static void keyword(Document doc, String name, String value) {
        if (value == null) {
            return;
        }
        doc.add(new StringField(PRESENT, name, Field.Store.NO));
        if (fitsTerm(value)) {
            doc.add(new StringField(name, value, Field.Store.NO));
        }
    }

    private static void number(Document doc, String name, Long value) {
        if (value != null) {
            doc.add(new StringField(PRESENT, name, Field.Store.NO));
            doc.add(new LongPoint(name, value));
        }
    }

    static boolean fitsTerm(String value) {
        return value.length() * 3 <= MAX_TERM_BYTES || value.getBytes(StandardCharsets.UTF_8).length <= MAX_TERM_BYTES;
    }

    private static byte[] source(PhotoRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("collection", r.collection());
        m.put("url", r.url());
        m.put("thumbnailUrl", r.thumbnailUrl());
        m.put("title", r.title());
        m.put("description", r.description());
        m.put("tags", r.tags());
        m.put("width", r.width());
        m.put("height", r.height());
        m.put("source", r.source());
        m.put("takenAt", r.takenAt() == null ? null : r.takenAt().toEpochMilli());
        m.put("indexedAt", r.indexedAt() == null ? null : r.indexedAt().toEpochMilli());
        m.put("contentHash", r.contentHash());
        m.put("modelId", r.modelId());
        m.put("extra", r.extra());
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise record " + r.id(), e);
        }
    }

    static PhotoRecord toRecord(Document doc, boolean withVector) {
        Map<String, Object> m;
        try {
            BytesRef source = doc.getBinaryValue(SOURCE);
            m = JSON.readValue(source.bytes, source.offset, source.length, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stored record", e);
        }
        float[] vector = withVector ? fromBytes(doc.getBinaryValue(STORED_VECTOR)) : null;
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) m.get("tags");
        @SuppressWarnings("unchecked")
        Map<String, String> extra = (Map<String, String>) m.get("extra");
        return new PhotoRecord(
                (String) m.get("id"),
                vector,
                (String) m.get("collection"),
                (String) m.get("url"),
                (String) m.get("thumbnailUrl"),
                (String) m.get("title"),
                (String) m.get("description"),
                tags,
                integer(m.get("width")),
                integer(m.get("height")),
                (String) m.get("source"),
                instant(m.get("takenAt")),
                instant(m.get("indexedAt")),
                (String) m.get("contentHash"),
                (String) m.get("modelId"),
                extra);
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.ofEpochMilli(((Number) o).longValue());
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] fromBytes(BytesRef ref) {
        float[] v = new float[ref.length / Float.BYTES];
        ByteBuffer.wrap(ref.bytes, ref.offset, ref.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(v);
        return v;
    }
}
