package dev.loupe.vectorstore.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.vectorstore.FilterField;
import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.MetadataValue;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextFilterFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * Maps a {@link TextEntry} to a Lucene document and back: the text analysed under {@link #TEXT} for
 * BM25, the vector for k-NN, metadata indexed under {@code m.<name>} by its value's type (strings and
 * tags as keyword terms, integers and numbers as {@link DoublePoint}s), and the entry kept as a stored
 * JSON source beside the raw vector. The collection's field types travel in the index's commit data.
 */
final class TextDocuments {

    static final String TEXT = "text";
    private static final String METADATA_PREFIX = "m.";
    private static final String FIELDS_COMMIT_KEY = "loupe.fields";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextDocuments() {}

    /** Where a filter field of a text collection is indexed. */
    static String indexName(FilterField field) {
        return TextFilterFields.ID.equals(field.name()) ? RecordDocuments.ID : METADATA_PREFIX + field.name();
    }

    static Document toDocument(TextEntry e, float[] indexedVector) {
        Document doc = new Document();
        doc.add(new StringField(RecordDocuments.ID, e.id(), Field.Store.NO));
        doc.add(new StringField(RecordDocuments.PRESENT, RecordDocuments.ID, Field.Store.NO));
        doc.add(new TextField(TEXT, e.text(), Field.Store.NO));
        doc.add(new KnnFloatVectorField(RecordDocuments.VECTOR, indexedVector, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StoredField(RecordDocuments.STORED_VECTOR, RecordDocuments.toBytes(indexedVector)));
        e.metadata().forEach((name, value) -> {
            String field = METADATA_PREFIX + name;
            switch (value) {
                case MetadataValue.Text text -> RecordDocuments.keyword(doc, field, text.value());
                case MetadataValue.Integer integer -> decimal(doc, field, integer.value());
                case MetadataValue.Number number -> decimal(doc, field, number.value());
                case MetadataValue.Tags tags -> {
                    for (String tag : tags.values()) {
                        if (RecordDocuments.fitsTerm(tag)) {
                            doc.add(new StringField(field, tag, Field.Store.NO));
                        }
                    }
                }
            }
        });
        doc.add(new StoredField(RecordDocuments.SOURCE, source(e)));
        return doc;
    }

    private static void decimal(Document doc, String field, double value) {
        doc.add(new StringField(RecordDocuments.PRESENT, field, Field.Store.NO));
        doc.add(new DoublePoint(field, value + 0.0)); // -0.0 as 0.0, as filters ask for it
    }

    private static byte[] source(TextEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("text", e.text());
        m.put("answer", e.answer());
        m.put("title", e.title());
        Map<String, Object> metadata = new LinkedHashMap<>();
        e.metadata().forEach((name, value) -> metadata.put(name, value.plain()));
        m.put("metadata", metadata);
        m.put("indexedAt", e.indexedAt() == null ? null : e.indexedAt().toEpochMilli());
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("cannot serialise text " + e.id(), ex);
        }
    }

    /** The metadata value a JSON value written by {@link MetadataValue#plain} stands for. */
    static MetadataValue value(JsonNode node) {
        if (node.isTextual()) {
            return new MetadataValue.Text(node.textValue());
        }
        if (node.isIntegralNumber()) {
            return new MetadataValue.Integer(node.longValue());
        }
        if (node.isNumber()) {
            return new MetadataValue.Number(node.doubleValue());
        }
        if (node.isArray()) {
            List<String> tags = new ArrayList<>(node.size());
            node.forEach(t -> tags.add(t.asText()));
            return new MetadataValue.Tags(tags);
        }
        throw new IllegalStateException("not a stored metadata value: " + node.getNodeType());
    }

    static TextEntry toEntry(Document doc, boolean withVector) {
        JsonNode m;
        try {
            BytesRef source = doc.getBinaryValue(RecordDocuments.SOURCE);
            m = JSON.readTree(source.bytes, source.offset, source.length);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stored text", e);
        }
        Map<String, MetadataValue> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.get("metadata").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            metadata.put(field.getKey(), value(field.getValue()));
        }
        JsonNode indexedAt = m.get("indexedAt");
        return new TextEntry(
                m.get("id").textValue(),
                withVector ? RecordDocuments.fromBytes(doc.getBinaryValue(RecordDocuments.STORED_VECTOR)) : null,
                m.get("text").textValue(),
                m.get("answer").textValue(),
                m.get("title").textValue(),
                metadata,
                indexedAt.isNull() ? null : Instant.ofEpochMilli(indexedAt.longValue()));
    }

    /** Commit data that records the field types. */
    static Map<String, String> commitData(Map<String, MetadataType> fields) {
        Map<String, String> types = new LinkedHashMap<>();
        fields.forEach((name, type) -> types.put(name, type.wireName()));
        try {
            return Map.of(FIELDS_COMMIT_KEY, JSON.writeValueAsString(types));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** The field types {@link #commitData} recorded; empty for a new index. */
    static Map<String, MetadataType> fields(Iterable<Map.Entry<String, String>> commitData) {
        Map<String, MetadataType> fields = new LinkedHashMap<>();
        if (commitData == null) {
            return fields;
        }
        for (Map.Entry<String, String> entry : commitData) {
            if (FIELDS_COMMIT_KEY.equals(entry.getKey())) {
                try {
                    JSON.readValue(entry.getValue(), new TypeReference<Map<String, String>>() {})
                            .forEach((name, type) -> fields.put(name, MetadataType.parse(type)));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException("corrupt field types in the index's commit data", e);
                }
            }
        }
        return fields;
    }
}
