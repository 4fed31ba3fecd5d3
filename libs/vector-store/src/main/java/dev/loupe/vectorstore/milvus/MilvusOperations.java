package dev.loupe.vectorstore.milvus;

import com.google.gson.JsonObject;
import dev.loupe.vectorstore.UnknownCollectionException;
import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.response.QueryResp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The client calls every Milvus store makes, photo or text: connecting, error translation, collection
 * lookup with a short-lived spec cache, batched upserts, deletes and gets by id, counts and walks.
 *
 * <p>Every read uses {@link ConsistencyLevel#SESSION}: the stores promise that records are visible to
 * searches and gets as soon as an upsert returns, and Session gives exactly that for this client's
 * writes (the SDK remembers each collection's last write timestamp and the server waits for it), while
 * another process' writes show within Milvus' staleness bound (about a second). Strong would also wait
 * for the next time tick on every read: about 300 ms per search measured on a Milvus 2.3 standalone
 * server (BENCHMARKS.md).
 *
 * @param <S> what a collection's spec is read into
 */
final class MilvusOperations<S> {

    private static final Logger LOG = Logger.getLogger(MilvusOperations.class);

    /** Rows per upsert request: keeps a request well under Milvus' 64 MiB gRPC message limit at 4096 dims. */
    static final int UPSERT_BATCH = 500;
    /** Ids per delete / get expression: Milvus bounds expression size, and IN lists of thousands parse slowly. */
    static final int ID_BATCH = 1000;

    static final ConsistencyLevel READS = ConsistencyLevel.SESSION;

    /**
     * How long a collection's spec is trusted without asking the server again. Every operation needs
     * it, and asking costs two round trips; a collection another process drops is noticed at once (the
     * server answers "not found"), one it alters within this long.
     */
    static final Duration SPEC_TTL = Duration.ofSeconds(5);

    /** A connected client and whether the server is milvus-lite (which cannot bind filter values). */
    record Connection(MilvusClientV2 client, boolean lite) {}

    private record CachedSpec<S>(S spec, long fetchedNanos) {}

    private final MilvusClientV2 client;
    private final String uri;
    private final java.util.function.BiFunction<String, Map<String, String>, Optional<S>> readSpec;
    private final Map<String, CachedSpec<S>> specs = new ConcurrentHashMap<>();

    /**
     * @param readSpec the spec a collection's properties describe, or empty for a collection that is
     *     not of this store's kind
     */
    MilvusOperations(
            MilvusClientV2 client,
            String uri,
            java.util.function.BiFunction<String, Map<String, String>, Optional<S>> readSpec) {
        this.client = client;
        this.uri = uri;
        this.readSpec = readSpec;
    }

    /**
     * Connects to Milvus, checking that it answers.
     *
     * @param token "user:password" or an API key; null when authentication is off
     * @throws MilvusUnavailableException when the server cannot be reached within {@code timeout}
     */
    static Connection connect(String uri, String token, Duration timeout) {
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
        LOG.debugf("connected to Milvus %s at %s", version, uri);
        return new Connection(client, version != null && version.startsWith("milvus_lite"));
    }

    MilvusClientV2 client() {
        return client;
    }

    /** The spec of a collection of this kind, or empty when it does not exist (or is of another kind). */
    Optional<S> describe(String collection) {
        if (!exists(collection)) {
            return Optional.empty();
        }
        return readSpec.apply(collection, properties(collection));
    }

    Map<String, String> properties(String collection) {
        return call(
                collection,
                () -> client.describeCollection(DescribeCollectionReq.builder()
                                .collectionName(collection)
                                .build())
                        .getProperties());
    }

    boolean exists(String collection) {
        return call(
                null,
                () -> client.hasCollection(
                        HasCollectionReq.builder().collectionName(collection).build()));
    }

    /** The specs of every collection of this kind. */
    List<S> list() {
        List<String> names = call(null, () -> client.listCollections().getCollectionNames());
        List<S> found = new ArrayList<>();
        for (String name : names) {
            describe(name).ifPresent(found::add);
        }
        return found;
    }

    /** The collection's spec, from the cache while it is younger than {@link #SPEC_TTL}. */
    S spec(String collection) {
        CachedSpec<S> cached = specs.get(collection);
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedNanos() < SPEC_TTL.toNanos()) {
            return cached.spec();
        }
        S spec = describe(collection).orElseThrow(() -> new UnknownCollectionException(collection));
        specs.put(collection, new CachedSpec<>(spec, now));
        return spec;
    }

    /** Forgets the cached spec of a collection, so the next operation reads it from the server. */
    void forget(String collection) {
        specs.remove(collection);
    }

    void load(String collection) {
        call(collection, () -> {
            client.loadCollection(
                    LoadCollectionReq.builder().collectionName(collection).build());
            return null;
        });
    }

    void drop(String collection) {
        specs.remove(collection);
        if (exists(collection)) {
            call(collection, () -> {
                client.dropCollection(
                        DropCollectionReq.builder().collectionName(collection).build());
                return null;
            });
        }
    }

    /** Upserts rows in batches of {@link #UPSERT_BATCH}. */
    void upsert(String collection, List<JsonObject> rows) {
        for (int from = 0; from < rows.size(); from += UPSERT_BATCH) {
            List<JsonObject> batch = rows.subList(from, Math.min(rows.size(), from + UPSERT_BATCH));
            call(
                    collection,
                    () -> client.upsert(UpsertReq.builder()
                            .collectionName(collection)
                            .data(batch)
                            .build()));
        }
    }

    void delete(String collection, Collection<String> ids, Function<List<String>, MilvusExpression> idsIn) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += ID_BATCH) {
            MilvusExpression expr = idsIn.apply(all.subList(from, Math.min(all.size(), from + ID_BATCH)));
            call(
                    collection,
                    () -> client.delete(DeleteReq.builder()
                            .collectionName(collection)
                            .filter(expr.expression())
                            .filterTemplateValues(expr.values())
                            .build()));
        }
    }

    /** The rows with these ids, each as the SDK's field map. */
    List<Map<String, Object>> get(
            String collection,
            Collection<String> ids,
            Function<List<String>, MilvusExpression> idsIn,
            List<String> outputFields) {
        List<String> all = List.copyOf(ids);
        List<Map<String, Object>> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ID_BATCH) {
            MilvusExpression expr = idsIn.apply(all.subList(from, Math.min(all.size(), from + ID_BATCH)));
            QueryResp resp = call(
                    collection,
                    () -> client.query(QueryReq.builder()
                            .collectionName(collection)
                            .filter(expr.expression())
                            .filterTemplateValues(expr.values())
                            .outputFields(outputFields)
                            .consistencyLevel(READS)
                            .build()));
            resp.getQueryResults().forEach(r -> found.add(r.getEntity()));
        }
        return found;
    }

    long count(String collection, MilvusExpression expr) {
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

    /** Visits the rows matching the expression in pages of at most {@code pageSize}. */
    void forEach(
            String collection,
            MilvusExpression expr,
            List<String> outputFields,
            int pageSize,
            Consumer<List<Map<String, Object>>> page) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive, got " + pageSize);
        }
        if (expr.matchesNothing()) {
            return;
        }
        QueryIterator iterator = call(
                collection,
                () -> client.queryIterator(QueryIteratorReq.builder()
                        .collectionName(collection)
                        .expr(expr.expression())
                        .filterTemplateValues(expr.values())
                        .outputFields(outputFields)
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
                        .map(QueryResultsWrapper.RowRecord::getFieldValues)
                        .toList());
            }
        } finally {
            iterator.close();
        }
    }

    /**
     * Runs one client call, turning transport failures into {@link MilvusUnavailableException} and a
     * collection that vanished meanwhile into {@link UnknownCollectionException}.
     */
    <T> T call(String collection, Supplier<T> action) {
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

    void close() {
        client.close();
    }
}
