package dev.loupe.vectorstore.milvus;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.VectorStore;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link VectorStore} on Milvus 2.6 (standalone or cluster) through {@link MilvusClientV2}: one
 * Milvus collection per Loupe collection, with a fixed explicit schema, the vector index the spec asks
 * for, and the spec itself kept in the collection's properties so it round-trips. Reads are at Session
 * consistency ({@link MilvusOperations}).
 */
public final class MilvusVectorStore implements VectorStore {

    private final MilvusOperations<CollectionSpec> milvus;
    private final MilvusFilterTranslator translator;

    /**
     * Wraps a connected client, which this store closes.
     *
     * @param bindFilterValues true to send filter values as expression-template values (Milvus 2.5+);
     *     false to send them as escaped literals (milvus-lite, which ignores template values)
     */
    public MilvusVectorStore(MilvusClientV2 client, String uri, boolean bindFilterValues) {
        this.milvus = new MilvusOperations<>(client, uri, MilvusSchema::spec);
        this.translator = new MilvusFilterTranslator(bindFilterValues);
    }

    /**
     * Connects to Milvus, checking that it answers; binds filter values unless the server is milvus-lite.
     *
     * @param token "user:password" or an API key; null when authentication is off
     * @throws MilvusUnavailableException when the server cannot be reached within {@code timeout}
     */
    public static MilvusVectorStore connect(String uri, String token, Duration timeout) {
        MilvusOperations.Connection connection = MilvusOperations.connect(uri, token, timeout);
        return new MilvusVectorStore(connection.client(), uri, !connection.lite());
    }

    @Override
    public void createCollection(CollectionSpec spec) {
        milvus.forget(spec.name());
        Optional<CollectionSpec> existing = milvus.describe(spec.name());
        if (existing.isEmpty()) {
            try {
                milvus.call(null, () -> {
                    milvus.client()
                            .createCollection(CreateCollectionReq.builder()
                                    .collectionName(spec.name())
                                    .collectionSchema(MilvusSchema.schema(spec.dimensions()))
                                    .indexParams(List.of(MilvusSchema.index(spec.metric(), spec.index())))
                                    .consistencyLevel(MilvusOperations.READS)
                                    .properties(MilvusSchema.properties(spec))
                                    .build());
                    return null;
                });
            } catch (RuntimeException e) {
                // a concurrent create of the same collection is fine; anything else is not
                existing = milvus.describe(spec.name());
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        if (existing.isPresent()) {
            CollectionSpec found = existing.get();
            if (found.dimensions() != spec.dimensions() || found.metric() != spec.metric()) {
                throw new CollectionConflictException("collection '" + spec.name() + "' exists with "
                        + found.dimensions() + " dimensions and " + found.metric() + ", not "
                        + spec.dimensions() + " and " + spec.metric());
            }
        }
        milvus.load(spec.name());
    }

    @Override
    public List<CollectionSpec> listCollections() {
        return milvus.list();
    }

    @Override
    public Optional<CollectionStats> stats(String collection) {
        return milvus.describe(collection).map(spec -> new CollectionStats(spec, count(collection, Filter.all())));
    }

    @Override
    public void dropCollection(String collection) {
        milvus.drop(collection);
    }

    @Override
    public void upsert(String collection, List<PhotoRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        CollectionSpec spec = milvus.spec(collection);
        // the last write of an id wins, as if the records had been upserted one by one
        Map<String, PhotoRecord> byId = new LinkedHashMap<>();
        for (PhotoRecord r : records) {
            if (r.vector() == null || r.vector().length != spec.dimensions()) {
                throw new IllegalArgumentException("record '" + r.id() + "' has a vector of "
                        + (r.vector() == null ? "no" : Integer.toString(r.vector().length))
                        + " dimensions; collection '" + collection + "' holds " + spec.dimensions());
            }
            if (r.tags().size() > MilvusSchema.MAX_TAGS) {
                throw new IllegalArgumentException(
                        "record '" + r.id() + "' has more than " + MilvusSchema.MAX_TAGS + " tags");
            }
            byId.remove(r.id());
            byId.put(r.id(), r);
        }
        milvus.upsert(collection, byId.values().stream().map(MilvusRecords::row).toList());
    }

    @Override
    public void delete(String collection, Collection<String> ids) {
        milvus.spec(collection);
        milvus.delete(collection, ids, translator::idsIn);
    }

    @Override
    public List<PhotoRecord> get(String collection, Collection<String> ids) {
        milvus.spec(collection);
        return milvus.get(collection, ids, translator::idsIn, withVector()).stream()
                .map(fields -> MilvusRecords.record(collection, fields))
                .toList();
    }

    @Override
    public List<SearchHit> search(String collection, SearchQuery query) {
        CollectionSpec spec = milvus.spec(collection);
        if (query.vector().length != spec.dimensions()) {
            throw new IllegalArgumentException("query vector has " + query.vector().length + " dimensions; collection '"
                    + collection + "' holds " + spec.dimensions());
        }
        MilvusExpression expr = translator.translate(query.filter(), query.excludeIds());
        if (expr.matchesNothing()) {
            return List.of();
        }
        float[] vector = spec.metric() == Metric.DOT_PRODUCT ? normalised(query.vector()) : query.vector();
        SearchReq.SearchReqBuilder req = SearchReq.builder()
                .collectionName(collection)
                .annsField(MilvusSchema.VECTOR)
                .metricType(MilvusSchema.metricType(spec.metric()))
                .data(List.of(new FloatVec(vector)))
                .limit(query.limit())
                .offset(query.offset())
                .searchParams(MilvusSchema.searchParams(spec.index(), query.limit() + query.offset()))
                .outputFields(query.includeVectors() ? withVector() : MilvusSchema.SCALAR_FIELDS)
                .consistencyLevel(MilvusOperations.READS);
        if (!expr.expression().isEmpty()) {
            req.filter(expr.expression()).filterTemplateValues(expr.values());
        }
        SearchResp resp = milvus.call(collection, () -> milvus.client().search(req.build()));
        List<SearchHit> hits = new ArrayList<>();
        for (SearchResp.SearchResult r : resp.getSearchResults().getFirst()) {
            // COSINE scores are the cosine; IP equals it for unit vectors (the query is normalised above,
            // stored vectors are normalised by contract); clamp float error at the ends
            float score = Math.max(-1f, Math.min(1f, r.getScore()));
            if (query.minScore() != null && score < query.minScore()) {
                break; // hits come best first
            }
            hits.add(new SearchHit(MilvusRecords.record(collection, r.getEntity()), score));
        }
        return hits;
    }

    private static float[] normalised(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return v;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    @Override
    public long count(String collection, Filter filter) {
        milvus.spec(collection);
        return milvus.count(collection, translator.translate(filter));
    }

    @Override
    public void forEach(String collection, Filter filter, int pageSize, Consumer<List<PhotoRecord>> page) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive, got " + pageSize);
        }
        milvus.spec(collection);
        milvus.forEach(
                collection,
                translator.translate(filter),
                withVector(),
                pageSize,
                rows -> page.accept(rows.stream()
                        .map(fields -> MilvusRecords.record(collection, fields))
                        .toList()));
    }

    private static List<String> withVector() {
        List<String> fields = new ArrayList<>(MilvusSchema.SCALAR_FIELDS);
        fields.add(MilvusSchema.VECTOR);
        return fields;
    }

    /** Forgets the cached spec of a collection, so the next operation reads it from the server. */
    void forgetSpec(String collection) {
        milvus.forget(collection);
    }

    @Override
    public void close() {
        milvus.close();
    }
}
