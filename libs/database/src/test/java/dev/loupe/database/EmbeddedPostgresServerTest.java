package dev.loupe.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standalone database server: its data survives a restart, and a server left running is named. */
class EmbeddedPostgresServerTest {

    private Path dir;

    @BeforeEach
    void directory() throws IOException {
        dir = Files.createTempDirectory("loupe-embedded-postgres");
    }

    @AfterEach
    void remove() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void keeps_its_data_across_a_restart_on_the_same_directory() throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, 0, Duration.ofSeconds(60))) {
            execute(server, "CREATE TABLE kept (n INTEGER); INSERT INTO kept VALUES (42)");
            assertThat(server.pid()).isPresent();
            assertThat(server.reactiveUrl()).startsWith("postgresql://127.0.0.1:" + server.port() + "/");
        }
        assertThat(EmbeddedPostgresServer.postmasterPid(dir)).as("stopped").isEmpty();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, 0, Duration.ofSeconds(60));
                Connection connection = server.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void names_a_server_that_already_runs_on_the_directory() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, 0, Duration.ofSeconds(60))) {
            long pid = server.pid().orElseThrow();
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir, 0, Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "already runs on " + dir.toAbsolutePath().normalize())
                    .hasMessageContaining("kill -INT " + pid);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = server.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
