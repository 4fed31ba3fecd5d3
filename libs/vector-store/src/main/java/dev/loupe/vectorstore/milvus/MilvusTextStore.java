package dev.loupe.vectorstore.milvus;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.lexical.QueryTerms;
import dev.loupe.vectorstore.lexical.TextAnalysis;
import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.TextCollectionInfo;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextFilterFields;
import dev.loupe.vectorstore.texts.TextHit;
import dev.loupe.vectorstore.texts.TextStore;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AlterCollectionPropertiesReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.EmbeddedText;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;

/**
 * The {@link TextStore} on Milvus 2.6: one Milvus collection per text collection, searched by meaning
 * on its vector field and by words through Milvus' own BM25 full-text search (a BM25 function over the
 * analysed text, queried with the raw query text), so every search replica sees the indexer's writes
 * without an index of its own. The metadata field types live in the collection's properties.
 */
public final class MilvusTextStore implements TextStore {

    private final MilvusOperations<MilvusTextSchema.Described> milvus;
    private final MilvusFilterTranslator translator;
    private final Map<TextAnalysis, Analyzer> analyzers = new EnumMap<>(TextAnalysis.class);

    /**
     * Wraps a connected client, which this store closes.
     *
     * @param bindFilterValues true to send filter values as expression-template values (Milvus 2.5+);
     *     false to send them as escaped literals (milvus-lite)
     */
    public MilvusTextStore(MilvusClientV2 client, String uri, boolean bindFilterValues) {
        this.milvus = new MilvusOperations<>(client, uri, MilvusTextSchema::describe);
        this.translator = new MilvusFilterTranslator(bindFilterValues, MilvusTextSchema::column);
        for (TextAnalysis analysis : TextAnalysis.values()) {
            analyzers.put(analysis, analysis.analyzer());
        }
    }

    /**
     * Connects to Milvus, checking that it answers.
     *
     * @param token "user:password" or an API key; null when authentication is off
     * @throws MilvusUnavailableException when the server cannot be reached within {@code timeout}
     */
    public static MilvusTextStore connect(String uri, String token, Duration timeout) {
        MilvusOperations.Connection connection = MilvusOperations.connect(uri, token, timeout);
        return new MilvusTextStore(connection.client(), uri, !connection.lite());
    }

    @Override
    public void createCollection(TextCollectionSpec spec) {
        milvus.forget(spec.name());
        Optional<MilvusTextSchema.Described> existing = milvus.describe(spec.name());
        if (existing.isEmpty()) {
            if (milvus.exists(spec.name())) {
                throw new CollectionConflictException(
                        "collection '" + spec.name() + "' exists and is not a text collection");
            }
            try {
                milvus.call(null, () -> {
                    milvus.client()
                            .createCollection(CreateCollectionReq.builder()
                                    .collectionName(spec.name())
                                    .collectionSchema(MilvusTextSchema.schema(spec))
                                    .indexParams(MilvusTextSchema.indexes(spec))
                                    .consistencyLevel(MilvusOperations.READS)
                                    .properties(MilvusTextSchema.properties(spec))
                                    .build());
                    return null;
                });
            } catch (RuntimeException e) {
                existing = milvus.describe(spec.name()); // a concurrent create of the same collection
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        if (existing.isPresent()) {
            TextCollectionSpec found = existing.get().spec();
            if (found.dimensions() != spec.dimensions()
                    || !found.modelId().equals(spec.modelId())
                    || found.analysis() != spec.analysis()) {
                throw new CollectionConflictException("text collection '" + spec.name() + "' exists with "
                        + found.dimensions() + " dimensions, model " + found.modelId() + " and "
                        + found.analysis().wireName() + " analysis, not " + spec.dimensions() + ", "
                        + spec.modelId() + " and " + spec.analysis().wireName());
            }
        }
        milvus.load(spec.name());
    }

    @Override
    public List<TextCollectionSpec> listCollections() {
        return milvus.list().stream().map(MilvusTextSchema.Described::spec).toList();
    }

    @Override
    public Optional<TextCollectionInfo> describe(String collection) {
        try {
            // the spec never changes and comes from the cache; the fields, which the indexer adds to, are
            // read afresh: one round trip
            TextCollectionSpec spec = milvus.spec(collection).spec();
            return Optional.of(new TextCollectionInfo(
                    spec, MilvusTextSchema.fields(milvus.properties(collection).get(MilvusTextSchema.FIELDS))));
        } catch (UnknownCollectionException e) {
            return Optional.empty();
        }
    }

    @Override
    public void declareFields(String collection, Map<String, MetadataType> fields) {
        milvus.spec(collection);
        Map<String, MetadataType> current =
                MilvusTextSchema.fields(milvus.properties(collection).get(MilvusTextSchema.FIELDS));
        Map<String, MetadataType> merged = TextFilterFields.declared(current, fields);
        if (merged != null) {
            writeFields(collection, merged);
        }
        milvus.forget(collection);
    }

    @Override
    public void dropCollection(String collection) {
        milvus.drop(collection);
    }

    @Override
    public void upsert(String collection, List<TextEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        MilvusTextSchema.Described described = milvus.spec(collection);
        int dimensions = described.spec().dimensions();
        Map<String, TextEntry> byId = new LinkedHashMap<>(); // the last write of an id wins
        for (TextEntry e : entries) {
            if (e.vector() == null || e.vector().length != dimensions) {
                throw new IllegalArgumentException("text '" + e.id() + "' has a vector of "
                        + (e.vector() == null ? "no" : Integer.toString(e.vector().length))
                        + " dimensions; collection '" + collection + "' has " + dimensions);
            }
            byId.remove(e.id());
            byId.put(e.id(), e);
        }
        milvus.upsert(
                collection, byId.values().stream().map(MilvusTextSchema::row).toList());
        if (TextFilterFields.merged(described.fields(), entries) != null) {
            recordFields(collection, entries);
        }
    }

    /**
     * Adds the entries' new metadata fields to the collection's properties, merged into a fresh read of
     * them so that fields another writer recorded meanwhile are kept.
     */
    private void recordFields(String collection, List<TextEntry> entries) {
        Map<String, MetadataType> current =
                MilvusTextSchema.fields(milvus.properties(collection).get(MilvusTextSchema.FIELDS));
        Map<String, MetadataType> merged = TextFilterFields.merged(current, entries);
        if (merged != null) {
            writeFields(collection, merged);
        }
        milvus.forget(collection);
    }

    private void writeFields(String collection, Map<String, MetadataType> fields) {
        milvus.call(collection, () -> {
            milvus.client()
                    .alterCollectionProperties(AlterCollectionPropertiesReq.builder()
                            .collectionName(collection)
                            .property(MilvusTextSchema.FIELDS, MilvusTextSchema.fieldsJson(fields))
                            .build());
            return null;
        });
    }

    @Override
    public void delete(String collection, Collection<String> ids) {
        milvus.spec(collection);
        milvus.delete(collection, ids, translator::idsIn);
    }

    @Override
    public List<TextEntry> get(String collection, Collection<String> ids) {
        milvus.spec(collection);
        return milvus.get(collection, ids, translator::idsIn, MilvusTextSchema.OUTPUT_FIELDS_WITH_VECTOR).stream()
                .map(MilvusTextSchema::entry)
                .toList();
    }

    @Override
    public List<TextHit> dense(String collection, float[] vector, Filter filter, int k, Set<String> excludeIds) {
        TextStore.checkCandidates(k);
        TextCollectionSpec spec = milvus.spec(collection).spec();
        if (vector == null || vector.length != spec.dimensions()) {
            throw new IllegalArgumentException("query vector has "
                    + (vector == null ? "no" : Integer.toString(vector.length)) + " dimensions; collection '"
                    + collection + "' has " + spec.dimensions());
        }
        SearchReq.SearchReqBuilder req = SearchReq.builder()
                .annsField(MilvusTextSchema.VECTOR)
                .metricType(IndexParam.MetricType.COSINE)
                .searchParams(MilvusSchema.searchParams(spec.index(), k));
        return search(collection, req, new FloatVec(vector), filter, k, excludeIds, true);
    }

    @Override
    public List<TextHit> lexical(String collection, String query, Filter filter, int k, Set<String> excludeIds) {
        TextStore.checkCandidates(k);
        TextCollectionSpec spec = milvus.spec(collection).spec();
        // a query with no terms matches nothing; Milvus would be asked to score an empty sparse vector
        if (query == null
                || QueryTerms.of(analyzers.get(spec.analysis()), query).isEmpty()) {
            return List.of();
        }
        SearchReq.SearchReqBuilder req = SearchReq.builder()
                .annsField(MilvusTextSchema.TERMS)
                .metricType(IndexParam.MetricType.BM25)
                .searchParams(Map.of());
        return search(collection, req, new EmbeddedText(query), filter, k, excludeIds, false);
    }

    private List<TextHit> search(
            String collection,
            SearchReq.SearchReqBuilder req,
            BaseVector query,
            Filter filter,
            int k,
            Set<String> excludeIds,
            boolean cosine) {
        MilvusExpression expr = translator.translate(filter, excludeIds);
        if (expr.matchesNothing()) {
            return List.of();
        }
        req.collectionName(collection)
                .data(List.of(query))
                .limit(k)
                .outputFields(MilvusTextSchema.OUTPUT_FIELDS)
                .consistencyLevel(MilvusOperations.READS);
        if (!expr.expression().isEmpty()) {
            req.filter(expr.expression()).filterTemplateValues(expr.values());
        }
        SearchResp resp = milvus.call(collection, () -> milvus.client().search(req.build()));
        List<TextHit> hits = new ArrayList<>();
        for (SearchResp.SearchResult r : resp.getSearchResults().getFirst()) {
            // BM25 scores are non-negative; milvus-lite 3.2 reports them negated (as distances, still
            // best first), Milvus as they are
            float score = cosine ? Math.max(-1f, Math.min(1f, r.getScore())) : Math.abs(r.getScore());
            if (!cosine && !(score > 0)) {
                continue; // shares no term with the query
            }
            hits.add(new TextHit(MilvusTextSchema.entry(r.getEntity()), score));
        }
        return hits;
    }

    @Override
    public long count(String collection, Filter filter) {
        milvus.spec(collection);
        return milvus.count(collection, translator.translate(filter));
    }

    @Override
    public void forEach(String collection, Filter filter, int pageSize, Consumer<List<TextEntry>> page) {
        milvus.spec(collection);
        milvus.forEach(
                collection,
                translator.translate(filter),
                MilvusTextSchema.OUTPUT_FIELDS_WITH_VECTOR,
                pageSize,
                rows -> page.accept(rows.stream().map(MilvusTextSchema::entry).toList()));
    }

    @Override
    public void close() {
        milvus.close();
    }
}
