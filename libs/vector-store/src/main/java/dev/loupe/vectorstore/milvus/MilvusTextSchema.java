package dev.loupe.vectorstore.milvus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.loupe.vectorstore.FilterField;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.lexical.TextAnalysis;
import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.MetadataValue;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextFilterFields;
import io.milvus.common.clientenum.FunctionType;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Milvus schema of a text collection: the text in an analysed VarChar whose terms Milvus' BM25
 * function turns into a sparse vector (full-text search, Milvus 2.5+), the embedding beside it,
 * metadata in one JSON column, and the spec and metadata field types in collection properties.
 */
final class MilvusTextSchema {

    static final String ID = MilvusSchema.ID;
    static final String VECTOR = MilvusSchema.VECTOR;
    static final String TEXT = "text";
    static final String TERMS = "terms";
    static final String ANSWER = "answer";
    static final String TITLE = "title";
    static final String METADATA = "metadata";
    static final String INDEXED_AT = MilvusSchema.INDEXED_AT;

    static final List<String> OUTPUT_FIELDS = List.of(ID, TEXT, ANSWER, TITLE, METADATA, INDEXED_AT);
    static final List<String> OUTPUT_FIELDS_WITH_VECTOR =
            List.of(ID, TEXT, ANSWER, TITLE, METADATA, INDEXED_AT, VECTOR);

    private static final String KIND_TEXTS = "texts";
    private static final String MODEL = "loupe.model";
    private static final String ANALYSIS = "loupe.analysis";
    static final String FIELDS = "loupe.fields";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MilvusTextSchema() {}

    static CreateCollectionReq.CollectionSchema schema(TextCollectionSpec spec) {
        CreateCollectionReq.CollectionSchema schema = MilvusSchema.fixed();
        MilvusSchema.addKeyAndVector(schema, spec.dimensions());
        schema.addField(AddFieldReq.builder()
                .fieldName(TEXT)
                .dataType(DataType.VarChar)
                .maxLength(MilvusSchema.MAX_TEXT_LENGTH)
                .enableAnalyzer(true)
                .analyzerParams(analyzer(spec.analysis()))
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName(TERMS)
                .dataType(DataType.SparseFloatVector)
                .build());
        for (String optional : List.of(ANSWER, TITLE)) {
            schema.addField(AddFieldReq.builder()
                    .fieldName(optional)
                    .dataType(DataType.VarChar)
                    .maxLength(MilvusSchema.MAX_TEXT_LENGTH)
                    .isNullable(true)
                    .build());
        }
        schema.addField(AddFieldReq.builder()
                .fieldName(METADATA)
                .dataType(DataType.JSON)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName(INDEXED_AT)
                .dataType(DataType.Int64)
                .isNullable(true)
                .build());
        schema.addFunction(CreateCollectionReq.Function.builder()
                .name("text_bm25")
                .functionType(FunctionType.BM25)
                .inputFieldNames(List.of(TEXT))
                .outputFieldNames(List.of(TERMS))
                .build());
        return schema;
    }

    /**
     * Milvus' analyser for a Loupe analysis: the standard tokenizer with lower-casing for
     * {@link TextAnalysis#STANDARD}; jieba word segmentation (Milvus' Chinese analyser) for both Chinese
     * analyses, since Milvus has no CJK-bigram tokenizer.
     */
    static Map<String, Object> analyzer(TextAnalysis analysis) {
        return switch (analysis) {
            case STANDARD -> Map.of("tokenizer", "standard", "filter", List.of("lowercase"));
            case CJK_BIGRAM, SMART_CHINESE -> Map.of("tokenizer", "jieba", "filter", List.of("lowercase"));
        };
    }

    static List<IndexParam> indexes(TextCollectionSpec spec) {
        return List.of(
                MilvusSchema.index(VECTOR, Metric.COSINE, spec.index()),
                IndexParam.builder()
                        .fieldName(TERMS)
                        .indexName(TERMS)
                        .indexType(IndexParam.IndexType.SPARSE_INVERTED_INDEX)
                        .metricType(IndexParam.MetricType.BM25)
                        .build());
    }

    static Map<String, String> properties(TextCollectionSpec spec) {
        Map<String, String> properties = new HashMap<>(MilvusSchema.indexProperties(spec.index()));
        properties.put(MilvusSchema.KIND, KIND_TEXTS);
        properties.put(MilvusSchema.DIMENSIONS, Integer.toString(spec.dimensions()));
        properties.put(MODEL, spec.modelId());
        properties.put(ANALYSIS, spec.analysis().wireName());
        properties.put(FIELDS, "{}");
        return properties;
    }

    /** A text collection as its properties describe it, or empty for a collection of another kind. */
    record Described(TextCollectionSpec spec, Map<String, MetadataType> fields) {}

    static Optional<Described> describe(String name, Map<String, String> properties) {
        if (properties == null || !KIND_TEXTS.equals(properties.get(MilvusSchema.KIND))) {
            return Optional.empty();
        }
        TextCollectionSpec spec = new TextCollectionSpec(
                name,
                Integer.parseInt(properties.get(MilvusSchema.DIMENSIONS)),
                properties.get(MODEL),
                TextAnalysis.parse(properties.get(ANALYSIS)),
                MilvusSchema.indexSettings(properties));
        return Optional.of(new Described(spec, fields(properties.get(FIELDS))));
    }

    static Map<String, MetadataType> fields(String json) {
        Map<String, MetadataType> fields = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return fields;
        }
        try {
            JSON.readValue(json, new TypeReference<Map<String, String>>() {})
                    .forEach((name, type) -> fields.put(name, MetadataType.parse(type)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt " + FIELDS + " property: " + e.getOriginalMessage(), e);
        }
        return fields;
    }

    static String fieldsJson(Map<String, MetadataType> fields) {
        Map<String, String> types = new LinkedHashMap<>();
        fields.forEach((name, type) -> types.put(name, type.wireName()));
        try {
            return JSON.writeValueAsString(types);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** Where a text collection's filter field lives: {@code id}, or a key of the metadata JSON. */
    static MilvusFilterTranslator.Column column(FilterField field) {
        if (TextFilterFields.ID.equals(field.name())) {
            return new MilvusFilterTranslator.Column.Scalar(ID, false);
        }
        return field.type() == FilterField.Type.STRING_LIST
                ? new MilvusFilterTranslator.Column.JsonArray(METADATA, field.name())
                : new MilvusFilterTranslator.Column.JsonKey(METADATA, field.name());
    }

    static JsonObject row(TextEntry e) {
        JsonObject row = new JsonObject();
        row.addProperty(ID, e.id());
        JsonArray vector = new JsonArray(e.vector().length);
        for (float v : e.vector()) {
            vector.add(v);
        }
        row.add(VECTOR, vector);
        row.addProperty(TEXT, e.text());
        row.add(ANSWER, e.answer() == null ? JsonNull.INSTANCE : new JsonPrimitive(e.answer()));
        row.add(TITLE, e.title() == null ? JsonNull.INSTANCE : new JsonPrimitive(e.title()));
        JsonObject metadata = new JsonObject();
        e.metadata().forEach((name, value) -> metadata.add(name, json(value)));
        row.add(METADATA, metadata);
        row.add(
                INDEXED_AT,
                e.indexedAt() == null
                        ? JsonNull.INSTANCE
                        : new JsonPrimitive(e.indexedAt().toEpochMilli()));
        return row;
    }

    private static JsonElement json(MetadataValue value) {
        return switch (value) {
            case MetadataValue.Text text -> new JsonPrimitive(text.value());
            case MetadataValue.Integer integer -> new JsonPrimitive(integer.value());
            case MetadataValue.Number number -> new JsonPrimitive(number.value());
            case MetadataValue.Tags tags -> {
                JsonArray array = new JsonArray(tags.values().size());
                tags.values().forEach(array::add);
                yield array;
            }
        };
    }

    /** An entry from a query or search entity; the vector is null when it was not requested. */
    static TextEntry entry(Map<String, Object> fields) {
        return new TextEntry(
                String.valueOf(fields.get(ID)),
                MilvusRecords.vector(fields.get(VECTOR)),
                String.valueOf(fields.get(TEXT)),
                fields.get(ANSWER) == null ? null : fields.get(ANSWER).toString(),
                fields.get(TITLE) == null ? null : fields.get(TITLE).toString(),
                metadata(fields.get(METADATA)),
                fields.get(INDEXED_AT) instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null);
    }

    private static Map<String, MetadataValue> metadata(Object value) {
        JsonObject json = MilvusRecords.jsonObject(value);
        Map<String, MetadataValue> metadata = new LinkedHashMap<>();
        if (json == null) {
            return metadata;
        }
        json.entrySet().forEach(e -> {
            MetadataValue v = metadataValue(e.getValue());
            if (v != null) {
                metadata.put(e.getKey(), v);
            }
        });
        return metadata;
    }

    private static MetadataValue metadataValue(JsonElement element) {
        if (element.isJsonArray()) {
            List<String> tags = new ArrayList<>();
            element.getAsJsonArray().forEach(t -> tags.add(t.getAsString()));
            return new MetadataValue.Tags(tags);
        }
        if (!element.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = element.getAsJsonPrimitive();
        if (p.isString()) {
            return new MetadataValue.Text(p.getAsString());
        }
        if (p.isNumber()) {
            String text = p.getAsString();
            boolean decimal = text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
            return decimal ? new MetadataValue.Number(p.getAsDouble()) : new MetadataValue.Integer(p.getAsLong());
        }
        return null;
    }
}
