package dev.loupe.vectorstore.milvus;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.FilterField;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.IndexType;
import dev.loupe.vectorstore.Metric;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fixed Milvus schema of a photo collection, its index, and the spec kept in collection properties. */
final class MilvusSchema {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String URL = "url";
    static final String THUMBNAIL_URL = "thumbnailUrl";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String TAGS = "tags";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String SOURCE = "source";
    static final String TAKEN_AT = "takenAt";
    static final String INDEXED_AT = "indexedAt";
    static final String CONTENT_HASH = "contentHash";
    static final String MODEL_ID = "modelId";
    static final String EXTRA = "extra";

    static final List<String> SCALAR_FIELDS = List.of(
            ID,
            URL,
            THUMBNAIL_URL,
            TITLE,
            DESCRIPTION,
            TAGS,
            WIDTH,
            HEIGHT,
            SOURCE,
            TAKEN_AT,
            INDEXED_AT,
            CONTENT_HASH,
            MODEL_ID,
            EXTRA);

    static final int MAX_ID_LENGTH = 512;
    static final int MAX_TEXT_LENGTH = 65_535; // Milvus' VarChar limit
    static final int MAX_TAGS = 256; // Array max_capacity; upserts with more tags are refused
    static final int MAX_TAG_LENGTH = 256;

    private static final String PREFIX = "loupe.";
    /** Set on collections of other kinds (text collections), which photo stores leave alone. */
    static final String KIND = PREFIX + "kind";

    static final String DIMENSIONS = PREFIX + "dimensions";
    private static final String METRIC = PREFIX + "metric";
    private static final String INDEX_TYPE = PREFIX + "index.type";
    private static final String M = PREFIX + "index.m";
    private static final String EF_CONSTRUCTION = PREFIX + "index.efConstruction";
    private static final String EF_SEARCH = PREFIX + "index.efSearch";
    private static final String NLIST = PREFIX + "index.nlist";
    private static final String NPROBE = PREFIX + "index.nprobe";
    private static final String QUANTIZED = PREFIX + "index.quantized";

    private MilvusSchema() {}

    /** The Milvus field a (non-extra, non-tags) filter field tests. */
    static String column(FilterField field) {
        return switch (field.name()) {
            case "id" -> ID;
            case "url" -> URL;
            case "title" -> TITLE;
            case "source" -> SOURCE;
            case "contentHash" -> CONTENT_HASH;
            case "modelId" -> MODEL_ID;
            case "width" -> WIDTH;
            case "height" -> HEIGHT;
            case "takenAt" -> TAKEN_AT;
            case "indexedAt" -> INDEXED_AT;
            default -> throw new IllegalArgumentException("no Milvus column for filter field " + field.name());
        };
    }

    /** An empty schema without dynamic fields: every field a Loupe collection holds is declared. */
    static CreateCollectionReq.CollectionSchema fixed() {
        return CreateCollectionReq.CollectionSchema.builder()
                .enableDynamicField(false)
                .build();
    }

    static CreateCollectionReq.CollectionSchema schema(int dimensions) {
        CreateCollectionReq.CollectionSchema schema = fixed();
        addKeyAndVector(schema, dimensions);
        for (String text : List.of(URL, THUMBNAIL_URL, TITLE, DESCRIPTION, SOURCE, CONTENT_HASH, MODEL_ID)) {
            schema.addField(
                    nullable(text, DataType.VarChar).maxLength(MAX_TEXT_LENGTH).build());
        }
        // tags and extra are never null: empty list / empty object, so array_contains and exists apply
        schema.addField(AddFieldReq.builder()
                .fieldName(TAGS)
                .dataType(DataType.Array)
                .elementType(DataType.VarChar)
                .maxCapacity(MAX_TAGS)
                .maxLength(MAX_TAG_LENGTH)
                .build());
        // Int64 rather than Int32 so any Long a filter carries compares without an overflow error
        for (String number : List.of(WIDTH, HEIGHT, TAKEN_AT, INDEXED_AT)) {
            schema.addField(nullable(number, DataType.Int64).build());
        }
        schema.addField(
                AddFieldReq.builder().fieldName(EXTRA).dataType(DataType.JSON).build());
        return schema;
    }

    /** The VarChar primary key {@code id} and the float vector every collection has. */
    static void addKeyAndVector(CreateCollectionReq.CollectionSchema schema, int dimensions) {
        schema.addField(AddFieldReq.builder()
                .fieldName(ID)
                .dataType(DataType.VarChar)
                .maxLength(MAX_ID_LENGTH)
                .isPrimaryKey(true)
                .autoID(false)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName(VECTOR)
                .dataType(DataType.FloatVector)
                .dimension(dimensions)
                .build());
    }

    private static AddFieldReq.AddFieldReqBuilder<?> nullable(String name, DataType type) {
        return AddFieldReq.builder().fieldName(name).dataType(type).isNullable(true);
    }

    static IndexParam index(Metric metric, IndexSettings settings) {
        return index(VECTOR, metric, settings);
    }

    static IndexParam index(String field, Metric metric, IndexSettings settings) {
        Map<String, Object> params = new HashMap<>();
        IndexParam.IndexType type =
                switch (settings.type()) {
                    case HNSW -> {
                        params.put("M", settings.m());
                        params.put("efConstruction", settings.efConstruction());
                        yield IndexParam.IndexType.HNSW;
                    }
                    case IVF_FLAT -> {
                        params.put("nlist", settings.nlist());
                        yield IndexParam.IndexType.IVF_FLAT;
                    }
                    case IVF_SQ8 -> {
                        params.put("nlist", settings.nlist());
                        yield IndexParam.IndexType.IVF_SQ8;
                    }
                };
        return IndexParam.builder()
                .fieldName(field)
                .indexName(field)
                .indexType(type)
                .metricType(metricType(metric))
                .extraParams(params)
                .build();
    }

    static IndexParam.MetricType metricType(Metric metric) {
        return metric == Metric.COSINE ? IndexParam.MetricType.COSINE : IndexParam.MetricType.IP;
    }

    /** Search parameters: ef at least the hits wanted (HNSW refuses less), nprobe for IVF. */
    static Map<String, Object> searchParams(IndexSettings settings, int wanted) {
        return settings.type() == IndexType.HNSW
                ? Map.of("ef", Math.max(settings.efSearch(), wanted))
                : Map.of("nprobe", settings.nprobe());
    }

    static Map<String, String> properties(CollectionSpec spec) {
        Map<String, String> properties = new HashMap<>(indexProperties(spec.index()));
        properties.put(DIMENSIONS, Integer.toString(spec.dimensions()));
        properties.put(METRIC, spec.metric().name());
        return properties;
    }

    /** The index settings as properties, read back by {@link #indexSettings}. */
    static Map<String, String> indexProperties(IndexSettings index) {
        return Map.of(
                INDEX_TYPE, index.type().name(),
                M, Integer.toString(index.m()),
                EF_CONSTRUCTION, Integer.toString(index.efConstruction()),
                EF_SEARCH, Integer.toString(index.efSearch()),
                NLIST, Integer.toString(index.nlist()),
                NPROBE, Integer.toString(index.nprobe()),
                QUANTIZED, Boolean.toString(index.quantized()));
    }

    /** The spec written by {@link #properties}, or empty for a collection Loupe did not create. */
    static Optional<CollectionSpec> spec(String name, Map<String, String> properties) {
        if (properties == null || !properties.containsKey(DIMENSIONS) || properties.containsKey(KIND)) {
            return Optional.empty();
        }
        return Optional.of(new CollectionSpec(
                name,
                Integer.parseInt(properties.get(DIMENSIONS)),
                Metric.valueOf(properties.get(METRIC)),
                indexSettings(properties)));
    }

    static IndexSettings indexSettings(Map<String, String> properties) {
        return new IndexSettings(
                IndexType.valueOf(properties.get(INDEX_TYPE)),
                Integer.parseInt(properties.get(M)),
                Integer.parseInt(properties.get(EF_CONSTRUCTION)),
                Integer.parseInt(properties.get(EF_SEARCH)),
                Integer.parseInt(properties.get(NLIST)),
                Integer.parseInt(properties.get(NPROBE)),
                Boolean.parseBoolean(properties.get(QUANTIZED)));
    }
}
