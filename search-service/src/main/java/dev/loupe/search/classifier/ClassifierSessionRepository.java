package dev.loupe.search.classifier;

import dev.loupe.classifier.LinearClassifier;
import dev.loupe.search.config.SearchConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifier sessions and their labels in PostgreSQL (tables {@code classifier_session} and {@code
 * classifier_label}), through the reactive client: every replica of the service reads and changes the
 * same sessions. Calls block up to {@code loupe.postgres.timeout}: make them from worker or virtual
 * threads. Changes of several rows run in one transaction.
 */
@ApplicationScoped
public class ClassifierSessionRepository {

    /** The session columns with its label counts, for every read. */
    private static final String SELECT_SESSION = "SELECT s.*,"
            + " (SELECT count(*) FROM classifier_label l WHERE l.session_id = s.id AND l.positive) AS positives,"
            + " (SELECT count(*) FROM classifier_label l WHERE l.session_id = s.id AND NOT l.positive) AS negatives"
            + " FROM classifier_session s";

    private static final String UPSERT_LABEL =
            "INSERT INTO classifier_label(session_id, photo_id, positive, labelled_at) VALUES ($1, $2, $3, $4)"
                    + " ON CONFLICT (session_id, photo_id) DO UPDATE SET positive = excluded.positive,"
                    + " labelled_at = excluded.labelled_at";

    private final Pool pool;
    private final Duration timeout;
    private final Clock clock;

    @Inject
    ClassifierSessionRepository(Pool pool, SearchConfig config) {
        this(pool, config.postgres().timeout(), Clock.systemUTC());
    }

    /** @param timeout longest wait for one statement or transaction */
    public ClassifierSessionRepository(Pool pool, Duration timeout, Clock clock) {
        this.pool = pool;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** What a new session starts with. */
    public record NewSession(
            String id,
            String name,
            String prompt,
            String collection,
            String filterJson,
            String modelId,
            LinearClassifier classifier) {}

    /**
     * Stores a new session (round 0) with its first positive labels, in one transaction.
     *
     * @return the stored session
     */
    public ClassifierSession create(NewSession session, Collection<String> positives) {
        OffsetDateTime now = nowStamp();
        LinearClassifier classifier = session.classifier();
        Tuple row = Tuple.tuple()
                .addString(session.id())
                .addString(session.name())
                .addString(session.prompt())
                .addString(session.collection())
                .addString(session.filterJson())
                .addString(session.modelId())
                .addInteger(classifier.dimension())
                .addArrayOfFloat(boxed(classifier.weight()))
                .addDouble(classifier.threshold())
                .addDouble(classifier.scale())
                .addOffsetDateTime(now)
                .addOffsetDateTime(now);
        await(
                pool.withTransaction(connection -> connection
                        .preparedQuery("INSERT INTO classifier_session(id, name, prompt, collection, filter_json,"
                                + " model_id, dimension, weight, threshold, scale, created_at, updated_at)"
                                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                        .execute(row)
                        .chain(() -> upsertLabels(connection, session.id(), positives, true, now))),
                "cannot store classifier session " + session.id());
        return find(session.id()).orElseThrow(() -> new UnknownClassifierException(session.id()));
    }

    public Optional<ClassifierSession> find(String id) {
        RowSet<Row> rows = await(
                pool.preparedQuery(SELECT_SESSION + " WHERE s.id = $1").execute(Tuple.of(id)),
                "cannot read classifier session " + id);
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(session(rows.iterator().next()));
    }

    /** The newest sessions first. */
    public List<ClassifierSession> recent(int limit) {
        RowSet<Row> rows = await(
                pool.preparedQuery(SELECT_SESSION + " ORDER BY s.created_at DESC, s.id LIMIT $1")
                        .execute(Tuple.of(limit)),
                "cannot list classifier sessions");
        List<ClassifierSession> sessions = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sessions.add(session(row));
        }
        return sessions;
    }

    public long count() {
        return await(
                        pool.query("SELECT count(*) FROM classifier_session").execute(),
                        "cannot count classifier sessions")
                .iterator()
                .next()
                .getLong(0);
    }

    /**
     * Deletes a session and its labels.
     *
     * @return whether it existed
     */
    public boolean delete(String id) {
        return await(
                                pool.preparedQuery("DELETE FROM classifier_session WHERE id = $1")
                                        .execute(Tuple.of(id)),
                                "cannot delete classifier session " + id)
                        .rowCount()
                > 0;
    }

    /**
     * Labels photos (a photo labelled before takes its new label) and removes labels, in one
     * transaction that is rolled back when the session would then hold more than {@code maxLabels}.
     *
     * @throws UnknownClassifierException when the session does not exist
     * @throws ClassifierConflictException when the labels would exceed {@code maxLabels}
     */
    public void label(
            String id,
            Collection<String> positives,
            Collection<String> negatives,
            Collection<String> removed,
            int maxLabels) {
        OffsetDateTime now = nowStamp();
        await(
                pool.withTransaction(connection -> connection
                        // locks the session row: concurrent labelling of one session queues here, so the count holds
                        .preparedQuery("UPDATE classifier_session SET updated_at = $1 WHERE id = $2")
                        .execute(Tuple.of(now, id))
                        .chain(touched -> touched.rowCount() == 0
                                ? Uni.createFrom().failure(new UnknownClassifierException(id))
                                : removed.isEmpty()
                                        ? Uni.createFrom().voidItem()
                                        : connection
                                                .preparedQuery("DELETE FROM classifier_label WHERE session_id = $1"
                                                        + " AND photo_id = ANY ($2)")
                                                .execute(Tuple.of(id, removed.toArray(String[]::new)))
                                                .replaceWithVoid())
                        .chain(() -> upsertLabels(connection, id, positives, true, now))
                        .chain(() -> upsertLabels(connection, id, negatives, false, now))
                        .chain(() -> connection
                                .preparedQuery("SELECT count(*) FROM classifier_label WHERE session_id = $1")
                                .execute(Tuple.of(id)))
                        .chain(counted -> {
                            long count = counted.iterator().next().getLong(0);
                            if (count <= maxLabels) {
                                return Uni.createFrom().voidItem();
                            }
                            // a failure rolls the transaction back
                            return Uni.createFrom()
                                    .failure(new ClassifierConflictException(
                                            ClassifierConflictException.Reason.TOO_MANY_LABELS,
                                            "A session keeps at most " + maxLabels
                                                    + " labelled photos; these labels would make " + count
                                                    + ": remove labels or start a new session",
                                            "Nothing was labelled (loupe.classifiers.max-labels)."));
                        })),
                "cannot label photos of classifier session " + id);
    }

    /** The labelled photo ids of a session and whether each is positive, oldest label first. */
    public Map<String, Boolean> labels(String id) {
        RowSet<Row> rows = await(
                pool.preparedQuery("SELECT photo_id, positive FROM classifier_label WHERE session_id = $1"
                                + " ORDER BY labelled_at, photo_id")
                        .execute(Tuple.of(id)),
                "cannot read the labels of classifier session " + id);
        Map<String, Boolean> labels = new LinkedHashMap<>();
        for (Row row : rows) {
            labels.put(row.getString(0), row.getBoolean(1));
        }
        return labels;
    }

    /**
     * Stores a training round's classifier and report, unless another round was stored since the
     * session was read.
     *
     * @param previousRound the round the training started from
     * @return false when the session is gone or its round is no longer {@code previousRound}
     */
    public boolean saveTraining(String id, int previousRound, LinearClassifier classifier, TrainingRound report) {
        OffsetDateTime trainedAt = report.trainedAt().atOffset(ZoneOffset.UTC);
        Tuple row = Tuple.tuple()
                .addArrayOfFloat(boxed(classifier.weight()))
                .addDouble(classifier.threshold())
                .addDouble(classifier.scale())
                .addInteger(report.round())
                .addOffsetDateTime(trainedAt)
                .addDouble(report.loss())
                .addDouble(report.accuracy())
                .addInteger(report.steps())
                .addInteger(report.positives())
                .addInteger(report.negatives())
                .addInteger(report.topChanged().k())
                .addInteger(report.topChanged().entered())
                .addInteger(report.topChanged().left())
                .addOffsetDateTime(trainedAt)
                .addString(id)
                .addInteger(previousRound);
        return await(
                                pool.preparedQuery(
                                                "UPDATE classifier_session SET weight = $1, threshold = $2, scale = $3,"
                                                        + " round = $4, trained_at = $5, train_loss = $6, train_accuracy = $7,"
                                                        + " train_steps = $8, train_positives = $9, train_negatives = $10,"
                                                        + " train_top_k = $11, train_entered = $12, train_left = $13,"
                                                        + " updated_at = $14 WHERE id = $15 AND round = $16")
                                        .execute(row),
                                "cannot store the training of classifier session " + id)
                        .rowCount()
                > 0;
    }

    /** The time this repository stamps rows with, at PostgreSQL's precision (microseconds). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private OffsetDateTime nowStamp() {
        return now().atOffset(ZoneOffset.UTC);
    }

    private static Uni<Void> upsertLabels(
            SqlConnection connection, String id, Collection<String> photoIds, boolean positive, OffsetDateTime now) {
        if (photoIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(photoIds.size());
        for (String photoId : photoIds) {
            rows.add(Tuple.of(id, photoId, positive, now));
        }
        return connection.preparedQuery(UPSERT_LABEL).executeBatch(rows).replaceWithVoid();
    }

    private static Float[] boxed(float[] weight) {
        Float[] boxed = new Float[weight.length];
        for (int i = 0; i < weight.length; i++) {
            boxed[i] = weight[i];
        }
        return boxed;
    }

    private static ClassifierSession session(Row row) {
        Float[] stored = row.getArrayOfFloats("weight");
        float[] weight = new float[stored.length];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = stored[i];
        }
        LinearClassifier classifier = new LinearClassifier(weight, row.getDouble("threshold"), row.getDouble("scale"));
        int round = row.getInteger("round");
        OffsetDateTime trainedAt = row.getOffsetDateTime("trained_at");
        TrainingRound lastTraining = trainedAt == null
                ? null
                : new TrainingRound(
                        round,
                        row.getDouble("train_loss"),
                        row.getDouble("train_accuracy"),
                        row.getInteger("train_steps"),
                        row.getInteger("train_positives"),
                        row.getInteger("train_negatives"),
                        classifier.threshold(),
                        new TopChanged(
                                row.getInteger("train_top_k"),
                                row.getInteger("train_entered"),
                                row.getInteger("train_left")),
                        trainedAt.toInstant());
        return new ClassifierSession(
                row.getString("id"),
                row.getString("name"),
                row.getString("prompt"),
                row.getString("collection"),
                row.getString("filter_json"),
                row.getString("model_id"),
                classifier,
                round,
                new LabelCounts(row.getLong("positives"), row.getLong("negatives")),
                lastTraining,
                row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }

    /** Waits for the database; its own failures keep their type (unknown session, conflict). */
    private <T> T await(Uni<T> uni, String what) {
        try {
            return uni.await().atMost(timeout);
        } catch (UnknownClassifierException | ClassifierConflictException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }
}
