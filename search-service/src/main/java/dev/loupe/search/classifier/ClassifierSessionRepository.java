package dev.loupe.search.classifier;

import dev.loupe.classifier.LinearClassifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Classifier sessions and their labels in PostgreSQL (tables {@code classifier_session} and {@code
 * classifier_label}), plain JDBC. Thread-safe: every call takes its own connection; changes of several
 * rows run in one transaction.
 */
@ApplicationScoped
public class ClassifierSessionRepository {

    /** The session columns with its label counts, for every read. */
    private static final String SELECT_SESSION = "SELECT s.*,"
            + " (SELECT count(*) FROM classifier_label l WHERE l.session_id = s.id AND l.positive) AS positives,"
            + " (SELECT count(*) FROM classifier_label l WHERE l.session_id = s.id AND NOT l.positive) AS negatives"
            + " FROM classifier_session s";

    private final DataSource dataSource;
    private final Clock clock;

    @Inject
    ClassifierSessionRepository(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public ClassifierSessionRepository(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
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
        Timestamp now = nowStamp();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO classifier_session(id, name,"
                    + " prompt, collection, filter_json, model_id, dimension, weight, threshold, scale, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                LinearClassifier classifier = session.classifier();
                insert.setString(1, session.id());
                insert.setString(2, session.name());
                insert.setString(3, session.prompt());
                insert.setString(4, session.collection());
                insert.setString(5, session.filterJson());
                insert.setString(6, session.modelId());
                insert.setInt(7, classifier.dimension());
                insert.setArray(8, weightArray(connection, classifier.weight()));
                insert.setDouble(9, classifier.threshold());
                insert.setDouble(10, classifier.scale());
                insert.setTimestamp(11, now);
                insert.setTimestamp(12, now);
                insert.executeUpdate();
            }
            upsertLabels(connection, session.id(), positives, true, now);
            connection.commit();
        } catch (SQLException e) {
            throw failure("cannot store classifier session " + session.id(), e);
        }
        return find(session.id()).orElseThrow(() -> new UnknownClassifierException(session.id()));
    }

    public Optional<ClassifierSession> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(SELECT_SESSION + " WHERE s.id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(session(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read classifier session " + id, e);
        }
    }

    /** The newest sessions first. */
    public List<ClassifierSession> recent(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement(SELECT_SESSION + " ORDER BY s.created_at DESC, s.id LIMIT ?")) {
            query.setInt(1, limit);
            List<ClassifierSession> sessions = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sessions.add(session(rows));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw failure("cannot list classifier sessions", e);
        }
    }

    public long count() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM classifier_session");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw failure("cannot count classifier sessions", e);
        }
    }

    /**
     * Deletes a session and its labels.
     *
     * @return whether it existed
     */
    public boolean delete(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM classifier_session WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("cannot delete classifier session " + id, e);
        }
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
        Timestamp now = nowStamp();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // locks the session row: concurrent labelling of one session queues here, so the count holds
                try (PreparedStatement touch =
                        connection.prepareStatement("UPDATE classifier_session SET updated_at = ? WHERE id = ?")) {
                    touch.setTimestamp(1, now);
                    touch.setString(2, id);
                    if (touch.executeUpdate() == 0) {
                        throw new UnknownClassifierException(id);
                    }
                }
                if (!removed.isEmpty()) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM classifier_label WHERE session_id = ? AND photo_id = ANY (?)")) {
                        delete.setString(1, id);
                        delete.setArray(2, connection.createArrayOf("text", removed.toArray()));
                        delete.executeUpdate();
                    }
                }
                upsertLabels(connection, id, positives, true, now);
                upsertLabels(connection, id, negatives, false, now);
                long count = labelCount(connection, id);
                if (count > maxLabels) {
                    connection.rollback();
                    throw new ClassifierConflictException(
                            ClassifierConflictException.Reason.TOO_MANY_LABELS,
                            "A session keeps at most " + maxLabels + " labelled photos; these labels would make "
                                    + count + ": remove labels or start a new session",
                            "Nothing was labelled (loupe.classifiers.max-labels).");
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot label photos of classifier session " + id, e);
        }
    }

    /** The labelled photo ids of a session and whether each is positive, oldest label first. */
    public Map<String, Boolean> labels(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT photo_id, positive FROM classifier_label"
                        + " WHERE session_id = ? ORDER BY labelled_at, photo_id")) {
            query.setString(1, id);
            Map<String, Boolean> labels = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    labels.put(rows.getString(1), rows.getBoolean(2));
                }
            }
            return labels;
        } catch (SQLException e) {
            throw failure("cannot read the labels of classifier session " + id, e);
        }
    }

    /**
     * Stores a training round's classifier and report, unless another round was stored since the
     * session was read.
     *
     * @param previousRound the round the training started from
     * @return false when the session is gone or its round is no longer {@code previousRound}
     */
    public boolean saveTraining(String id, int previousRound, LinearClassifier classifier, TrainingRound report) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE classifier_session SET weight = ?,"
                        + " threshold = ?, scale = ?, round = ?, trained_at = ?, train_loss = ?, train_accuracy = ?,"
                        + " train_steps = ?, train_positives = ?, train_negatives = ?, train_top_k = ?,"
                        + " train_entered = ?, train_left = ?, updated_at = ? WHERE id = ? AND round = ?")) {
            Timestamp trainedAt = Timestamp.from(report.trainedAt());
            update.setArray(1, weightArray(connection, classifier.weight()));
            update.setDouble(2, classifier.threshold());
            update.setDouble(3, classifier.scale());
            update.setInt(4, report.round());
            update.setTimestamp(5, trainedAt);
            update.setDouble(6, report.loss());
            update.setDouble(7, report.accuracy());
            update.setInt(8, report.steps());
            update.setInt(9, report.positives());
            update.setInt(10, report.negatives());
            update.setInt(11, report.topChanged().k());
            update.setInt(12, report.topChanged().entered());
            update.setInt(13, report.topChanged().left());
            update.setTimestamp(14, trainedAt);
            update.setString(15, id);
            update.setInt(16, previousRound);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("cannot store the training of classifier session " + id, e);
        }
    }

    /** The time this repository stamps rows with, at PostgreSQL's precision (microseconds). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Timestamp nowStamp() {
        return Timestamp.from(now());
    }

    private static void upsertLabels(
            Connection connection, String id, Collection<String> photoIds, boolean positive, Timestamp now)
            throws SQLException {
        if (photoIds.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO classifier_label(session_id, photo_id, positive, labelled_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (session_id, photo_id) DO UPDATE SET positive = excluded.positive,"
                        + " labelled_at = excluded.labelled_at")) {
            for (String photoId : photoIds) {
                upsert.setString(1, id);
                upsert.setString(2, photoId);
                upsert.setBoolean(3, positive);
                upsert.setTimestamp(4, now);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static long labelCount(Connection connection, String id) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT count(*) FROM classifier_label WHERE session_id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Array weightArray(Connection connection, float[] weight) throws SQLException {
        Float[] boxed = new Float[weight.length];
        for (int i = 0; i < weight.length; i++) {
            boxed[i] = weight[i];
        }
        return connection.createArrayOf("real", boxed);
    }

    private static ClassifierSession session(ResultSet row) throws SQLException {
        Object[] stored = (Object[]) row.getArray("weight").getArray();
        float[] weight = new float[stored.length];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = ((Number) stored[i]).floatValue();
        }
        LinearClassifier classifier = new LinearClassifier(weight, row.getDouble("threshold"), row.getDouble("scale"));
        int round = row.getInt("round");
        Timestamp trainedAt = row.getTimestamp("trained_at");
        TrainingRound lastTraining = trainedAt == null
                ? null
                : new TrainingRound(
                        round,
                        row.getDouble("train_loss"),
                        row.getDouble("train_accuracy"),
                        row.getInt("train_steps"),
                        row.getInt("train_positives"),
                        row.getInt("train_negatives"),
                        classifier.threshold(),
                        new TopChanged(
                                row.getInt("train_top_k"), row.getInt("train_entered"), row.getInt("train_left")),
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
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
