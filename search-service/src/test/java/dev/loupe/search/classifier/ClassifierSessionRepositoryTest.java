package dev.loupe.search.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.classifier.LinearClassifier;
import dev.loupe.database.EmbeddedPostgresServer;
import dev.loupe.database.LoupeSchema;
import dev.loupe.search.classifier.ClassifierSessionRepository.NewSession;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session and label tables against a real PostgreSQL server (zonky), including a server restart on
 * the same data directory.
 */
class ClassifierSessionRepositoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final float[] WEIGHT = {3, 4, 0, 0};

    @TempDir
    static Path dir;

    private static final Vertx VERTX = Vertx.vertx();

    private static EmbeddedPostgresServer postgres;
    private static Pool pool;
    private static ClassifierSessionRepository sessions;

    @BeforeAll
    static void start() throws Exception {
        open();
    }

    @AfterAll
    static void stop() throws Exception {
        close();
        VERTX.closeAndAwait();
    }

    private static void open() {
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, Duration.ofSeconds(60));
        LoupeSchema.migrate(postgres.dataSource());
        pool = PgBuilder.pool()
                .connectingTo(new PgConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(postgres.port())
                        .setDatabase(EmbeddedPostgresServer.USER)
                        .setUser(EmbeddedPostgresServer.USER))
                .using(VERTX)
                .build();
        sessions = new ClassifierSessionRepository(pool, Duration.ofSeconds(20), CLOCK);
    }

    private static void close() {
        if (pool != null) {
            pool.closeAndAwait();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private ClassifierSession create(List<String> positives) {
        return sessions.create(
                new NewSession(
                        UUID.randomUUID().toString(),
                        "sunflowers",
                        "a photo of a sunflower",
                        "photos",
                        "{\"field\":\"source\",\"op\":\"eq\",\"value\":\"caltech\"}",
                        "clip-tiny-random",
                        new LinearClassifier(WEIGHT, 0.25, 30)),
                positives);
    }

    @Test
    void a_session_its_labels_and_its_training_survive_a_restart_of_the_server() throws Exception {
        ClassifierSession created = create(List.of("a.jpg"));
        sessions.label(created.id(), List.of("b.jpg"), List.of("c.jpg", "d.jpg"), List.of(), 100);
        LinearClassifier trained = new LinearClassifier(new float[] {0, 0, 1, 1}, -0.125, 30);
        TrainingRound round = new TrainingRound(
                1, 0.5, 0.75, 42, 2, 2, trained.threshold(), new TopChanged(50, 3, 3), CLOCK.instant());
        assertThat(sessions.saveTraining(created.id(), 0, trained, round)).isTrue();

        close();
        open();

        ClassifierSession reopened = sessions.find(created.id()).orElseThrow();
        assertThat(reopened.name()).isEqualTo("sunflowers");
        assertThat(reopened.prompt()).isEqualTo("a photo of a sunflower");
        assertThat(reopened.collection()).isEqualTo("photos");
        assertThat(reopened.filterJson()).contains("caltech");
        assertThat(reopened.modelId()).isEqualTo("clip-tiny-random");
        assertThat(reopened.classifier()).isEqualTo(trained);
        assertThat(reopened.round()).isEqualTo(1);
        assertThat(reopened.labels()).isEqualTo(new LabelCounts(2, 2));
        assertThat(reopened.lastTraining()).isEqualTo(round);
        assertThat(reopened.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(sessions.labels(created.id()))
                .containsOnly(
                        Map.entry("a.jpg", true),
                        Map.entry("b.jpg", true),
                        Map.entry("c.jpg", false),
                        Map.entry("d.jpg", false));
    }

    @Test
    void a_new_session_keeps_its_unit_weight_and_has_no_training() {
        ClassifierSession session = create(List.of());

        assertThat(session.classifier().weight()).containsExactly(0.6f, 0.8f, 0f, 0f);
        assertThat(session.classifier().threshold()).isEqualTo(0.25);
        assertThat(session.round()).isZero();
        assertThat(session.labels()).isEqualTo(LabelCounts.NONE);
        assertThat(session.lastTraining()).isNull();
    }

    @Test
    void relabelling_replaces_the_label_and_remove_forgets_it() {
        ClassifierSession session = create(List.of("a.jpg", "b.jpg"));

        sessions.label(session.id(), List.of(), List.of("a.jpg"), List.of("b.jpg"), 100);

        assertThat(sessions.labels(session.id())).containsExactly(Map.entry("a.jpg", false));
        assertThat(sessions.find(session.id()).orElseThrow().labels()).isEqualTo(new LabelCounts(0, 1));
    }

    @Test
    void labels_beyond_the_limit_are_refused_and_none_of_the_request_is_kept() {
        ClassifierSession session = create(List.of("a.jpg"));

        assertThatThrownBy(() -> sessions.label(session.id(), List.of("b.jpg"), List.of("c.jpg"), List.of(), 2))
                .isInstanceOfSatisfying(
                        ClassifierConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClassifierConflictException.Reason.TOO_MANY_LABELS));

        assertThat(sessions.labels(session.id())).containsOnlyKeys("a.jpg");
    }

    @Test
    void labelling_an_unknown_session_fails_and_stores_nothing() {
        assertThatThrownBy(() -> sessions.label("no-such-session", List.of("a.jpg"), List.of(), List.of(), 100))
                .isInstanceOf(UnknownClassifierException.class);
        assertThat(sessions.labels("no-such-session")).isEmpty();
    }

    @Test
    void a_training_round_stores_only_on_top_of_the_round_it_started_from() {
        ClassifierSession session = create(List.of("a.jpg"));
        LinearClassifier trained = new LinearClassifier(new float[] {1, 0, 0, 0}, 0.1, 30);
        TrainingRound first = new TrainingRound(1, 0.3, 1, 5, 1, 0, 0.1, new TopChanged(50, 0, 0), CLOCK.instant());

        assertThat(sessions.saveTraining(session.id(), 0, trained, first)).isTrue();
        assertThat(sessions.saveTraining(session.id(), 0, trained, first))
                .as("a second round that also started from round 0")
                .isFalse();
        assertThat(sessions.saveTraining("no-such-session", 0, trained, first)).isFalse();
    }

    @Test
    void deleting_a_session_deletes_its_labels() {
        ClassifierSession session = create(List.of("a.jpg", "b.jpg"));

        assertThat(sessions.delete(session.id())).isTrue();

        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(sessions.labels(session.id())).isEmpty();
        assertThat(sessions.delete(session.id())).isFalse();
    }

    @Test
    void lists_the_newest_sessions_first_and_counts_them() {
        long before = sessions.count();
        ClassifierSession first = create(List.of());
        ClassifierSession second = create(List.of("a.jpg"));

        assertThat(sessions.count()).isEqualTo(before + 2);
        assertThat(sessions.recent(100)).extracting(ClassifierSession::id).contains(first.id(), second.id());
        assertThat(sessions.recent(1)).hasSize(1);
    }
}
