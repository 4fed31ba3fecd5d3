package dev.loupe.vectorstore.milvus;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.QueryResp;
import io.milvus.v2.service.vector.response.SearchResp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The {@link VectorStore} on Milvus 2.6 (standalone or cluster) through {@link MilvusClientV2}: one
 * Milvus collection per Loupe collection, with a fixed explicit schema, the vector index the spec asks
 * for, and the spec itself kept in the collection's properties so it round-trips.
 *
 * <p>Every read uses {@link ConsistencyLevel#SESSION}: the port promises that records are visible to
 * {@code search} and {@code get} as soon as {@code upsert} returns, and Session gives exactly that for
 * the writes of this client (the SDK remembers each collection's last write timestamp and the server
 * waits for it), while another process' writes show within Milvus' staleness bound (about a second).
 * Strong would also wait for the next time tick on every read, whether anything was written or not:
 * about 300 ms per search measured on a Milvus 2.3 standalone server (BENCHMARKS.md), for nothing a
 * search user could notice.
 */
public final class MilvusVectorStore implements VectorStore {

    private static final Logger LOG = Logger.getLogger(MilvusVectorStore.class);

    /** Rows per upsert request: keeps a request well under Milvus' 64 MiB gRPC message limit at 4096 dims. */
    static final int UPSERT_BATCH = 500;
    /** Ids per delete / get expression: Milvus bounds expression size, and IN lists of thousands parse slowly. */
    static final int ID_BATCH = 1000;

    private static final ConsistencyLevel READS = ConsistencyLevel.SESSION;

    /**
     * How long a collection's spec is trusted without asking the server again. Every operation needs
     * the spec (dimensions, metric, search parameters), and asking costs two round trips; a collection
     * another process drops is noticed at once (the server answers "not found"), one it alters within
     * this long.
     */
    static final Duration SPEC_TTL = Duration.ofSeconds(5);

    private record CachedSpec(CollectionSpec spec, long fetchedNanos) {}

    private final Map<String, CachedSpec> specs = new ConcurrentHashMap<>();

    private final MilvusClientV2 client;
    private final MilvusFilterTranslator translator;
    private final String uri;

    /**
     * Wraps a connected client, which this store closes.
     *
     * @param bindFilterValues true to send filter values as expression-template values (Milvus 2.5+);
     *     false to send them as escaped literals (milvus-lite, which ignores template values)
     */
    public MilvusVectorStore(MilvusClientV2 client, String uri, boolean bindFilterValues) {
        this.client = client;
        this.uri = uri;
        this.translator = new MilvusFilterTranslator(bindFilterValues);
    }

    /**
     * Connects to Milvus, checking that it answers; binds filter values unless the server is milvus-lite.
     *
     * @param token "user:password" or an API key; null when authentication is off
     * @throws MilvusUnavailableException when the server cannot be reached within {@code timeout}
     */
    public static MilvusVectorStore connect(String uri, String token, Duration timeout) {
        ConnectConfig.ConnectConfigBuilder config = ConnectConfig.builder()
                .uri(uri)
                .connectTimeoutMs(timeout.toMillis())
                .rpcDeadlineMs(timeout.toMillis());
        if (token != null && !token.isBlank()) {
            config.token(token);
        }
        MilvusClientV2 client;
        String version;
        try {
            client = new MilvusClientV2(config.build());
            version = client.getServerVersion();
        } catch (RuntimeException e) {
            throw new MilvusUnavailableException("Milvus at " + uri + " is unavailable: " + e.getMessage(), e);
        }
        boolean lite = version != null && version.startsWith("milvus_lite");
        LOG.debugf("connected to Milvus %s at %s", version, uri);
        return new MilvusVectorStore(client, uri, !lite);
    }

    @Override
    public void createCollection(CollectionSpec spec) {
        specs.remove(spec.name());
        Optional<CollectionSpec> existing = describe(spec.name());
        if (existing.isEmpty()) {
            try {
                call(null, () -> {
                    client.createCollection(CreateCollectionReq.builder()
                            .collectionName(spec.name())
                            .collectionSchema(MilvusSchema.schema(spec.dimensions()))
                            .indexParams(List.of(MilvusSchema.index(spec.metric(), spec.index())))
                            .consistencyLevel(READS)
                            .properties(MilvusSchema.properties(spec))
                            .build());
                    return null;
                });
            } catch (RuntimeException e) {
                // a concurrent create of the same collection is fine; anything else is not
                existing = describe(spec.name());
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
        load(spec.name());
    }

    private void load(String collection) {
        call(collection, () -> {
            client.loadCollection(
                    LoadCollectionReq.builder().collectionName(collection).build());
            return null;
        });
    }

    @Override
    public List<CollectionSpec> listCollections() {
        List<String> names = call(null, () -> client.listCollections().getCollectionNames());
        List<CollectionSpec> specs = new ArrayList<>();
        for (String name : names) {
            describe(name).ifPresent(specs::add);
        }
        return specs;
    }

    /** The spec of a collection Loupe created, or empty when it does not exist (or is not Loupe's). */
    private Optional<CollectionSpec> describe(String collection) {
        if (!exists(collection)) {
            return Optional.empty();
        }
        Map<String, String> properties = call(
                collection,
                () -> client.describeCollection(DescribeCollectionReq.builder()
                                .collectionName(collection)
                                .build())
                        .getProperties());
        return MilvusSchema.spec(collection, properties);
    }

    private boolean exists(String collection) {
        return call(
                null,
                () -> client.hasCollection(
                        HasCollectionReq.builder().collectionName(collection).build()));
    }

    @Override
    public Optional<CollectionStats> stats(String collection) {
        return describe(collection).map(spec -> new CollectionStats(spec, count(collection, Filter.all())));
    }

    @Override
    public void dropCollection(String collection) {
        specs.remove(collection);
        if (exists(collection)) {
            call(collection, () -> {
                client.dropCollection(
                        DropCollectionReq.builder().collectionName(collection).build());
                return null;
            });
        }
    }

    @Override
    public void upsert(String collection, List<PhotoRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        CollectionSpec spec = spec(collection);
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
        List<PhotoRecord> unique = List.copyOf(byId.values());
        for (int from = 0; from < unique.size(); from += UPSERT_BATCH) {
            List<PhotoRecord> batch = unique.subList(from, Math.min(unique.size(), from + UPSERT_BATCH));
            call(
                    collection,
                    () -> client.upsert(UpsertReq.builder()
                            .collectionName(collection)
                            .data(batch.stream().map(MilvusRecords::row).toList())
                            .build()));
        }
    }

    @Override
    public void delete(String collection, Collection<String> ids) {
        spec(collection);
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += ID_BATCH) {
            MilvusExpression expr = translator.idsIn(all.subList(from, Math.min(all.size(), from + ID_BATCH)));
            call(
                    collection,
                    () -> client.delete(DeleteReq.builder()
                            .collectionName(collection)
                            .filter(expr.expression())
                            .filterTemplateValues(expr.values())
                            .build()));
        }
    }

    @Override
    public List<PhotoRecord> get(String collection, Collection<String> ids) {
        spec(collection);
        List<String> all = List.copyOf(ids);
        List<PhotoRecord> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ID_BATCH) {
            MilvusExpression expr = translator.idsIn(all.subList(from, Math.min(all.size(), from + ID_BATCH)));
            QueryResp resp = call(
                    collection,
                    () -> client.query(QueryReq.builder()
                            .collectionName(collection)
                            .filter(expr.expression())
                            .filterTemplateValues(expr.values())
                            .outputFields(withVector())
                            .consistencyLevel(READS)
                            .build()));
            resp.getQueryResults().forEach(r -> found.add(MilvusRecords.record(collection, r.getEntity())));
        }
        return found;
    }

    @Override
    public List<SearchHit> search(String collection, SearchQuery query) {
        CollectionSpec spec = spec(collection);
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
                .consistencyLevel(READS);
        if (!expr.expression().isEmpty()) {
            req.filter(expr.expression()).filterTemplateValues(expr.values());
        }
        SearchResp resp = call(collection, () -> client.search(req.build()));
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
        spec(collection);
        MilvusExpression expr = translator.translate(filter);
        if (expr.matchesNothing()) {
            return 0;
        }
        QueryReq.QueryReqBuilder req = QueryReq.builder()
                .collectionName(collection)
                .outputFields(List.of("count(*)"))
                .consistencyLevel(READS);
        if (!expr.expression().isEmpty()) {
            req.filter(expr.expression()).filterTemplateValues(expr.values());
        }
        QueryResp resp = call(collection, () -> client.query(req.build()));
        Object count = resp.getQueryResults().getFirst().getEntity().get("count(*)");
        return ((Number) count).longValue();
    }

    @Override
    public void forEach(String collection, Filter filter, int pageSize, Consumer<List<PhotoRecord>> page) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive, got " + pageSize);
        }
        spec(collection);
        MilvusExpression expr = translator.translate(filter);
        if (expr.matchesNothing()) {
            return;
        }
        QueryIterator iterator = call(
                collection,
                () -> client.queryIterator(QueryIteratorReq.builder()
                        .collectionName(collection)
                        .expr(expr.expression())
                        .filterTemplateValues(expr.values())
                        .outputFields(withVector())
                        .batchSize(pageSize)
                        .consistencyLevel(READS)
                        .build()));
        try {
            while (true) {
                List<QueryResultsWrapper.RowRecord> rows = call(collection, iterator::next);
                if (rows.isEmpty()) {
                    return;
                }
                page.accept(rows.stream()
                        .map(r -> MilvusRecords.record(collection, r.getFieldValues()))
                        .toList());
            }
        } finally {
            iterator.close();
        }
    }

    private static List<String> withVector() {
        List<String> fields = new ArrayList<>(MilvusSchema.SCALAR_FIELDS);
        fields.add(MilvusSchema.VECTOR);
        return fields;
    }

    /** The collection's spec, from the cache while it is younger than {@link #SPEC_TTL}. */
    private CollectionSpec spec(String collection) {
        CachedSpec cached = specs.get(collection);
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedNanos() < SPEC_TTL.toNanos()) {
            return cached.spec();
        }
        CollectionSpec spec = describe(collection).orElseThrow(() -> new UnknownCollectionException(collection));
        specs.put(collection, new CachedSpec(spec, now));
        return spec;
    }

    /** Forgets the cached spec of a collection, so the next operation reads it from the server. */
    void forgetSpec(String collection) {
        specs.remove(collection);
    }

    /**
     * Runs one client call, turning transport failures into {@link MilvusUnavailableException} and a
     * collection that vanished meanwhile into {@link UnknownCollectionException}.
     */
    private <T> T call(String collection, Supplier<T> action) {
        try {
            return action.get();
        } catch (MilvusClientException e) {
            if (e.getErrorCode() == ErrorCode.RPC_ERROR || e.getErrorCode() == ErrorCode.TIMEOUT) {
                throw new MilvusUnavailableException("Milvus at " + uri + " is unavailable: " + e.getMessage(), e);
            }
            if (e.getErrorCode() == ErrorCode.COLLECTION_NOT_FOUND && collection != null) {
                specs.remove(collection);
                throw new UnknownCollectionException(collection);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
