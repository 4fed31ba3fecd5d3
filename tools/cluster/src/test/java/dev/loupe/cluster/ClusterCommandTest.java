package dev.loupe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code ./loupe cluster}, and the file it writes, without starting anything. */
class ClusterCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return ClusterCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void a_bad_command_line_exits_2_with_the_usage() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(run("restart")).isEqualTo(2);
        assertThat(run("up", "--search-replicas")).isEqualTo(2);
        assertThat(run("up", "--search-replicas", "0", "--data", dir.toString()))
                .isEqualTo(2);
        assertThat(run("down", "--data", dir.toString(), "extra")).isEqualTo(2);
        assertThat(run("stop")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./loupe cluster up", "needs a value");
    }

    @Test
    void without_a_cluster_status_and_stop_fail_and_down_has_nothing_to_do() throws Exception {
        assertThat(run("status", "--data", dir.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no cluster in " + dir);
        assertThat(run("stop", "embedder", "--data", dir.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no cluster.json in");
        assertThat(run("down", "--data", dir.toString())).isZero();
    }

    @Test
    void cluster_json_names_every_component_in_the_documented_order() throws Exception {
        ClusterInfo info = new ClusterInfo(
                List.of("http://127.0.0.1:1", "http://127.0.0.1:2"),
                "http://127.0.0.1:3",
                "http://127.0.0.1:4",
                "127.0.0.1:5",
                "postgresql://127.0.0.1:6/postgres",
                "http://127.0.0.1:7",
                Map.of("search-0", 11L));
        info.write(dir);

        String json = Files.readString(dir.resolve(ClusterInfo.FILE));
        assertThat(json.indexOf("\"search\""))
                .isLessThan(json.indexOf("\"indexer\""))
                .isLessThan(json.indexOf("\"embedder\""));
        assertThat(json.indexOf("\"embedder\""))
                .isLessThan(json.indexOf("\"kafka\""))
                .isLessThan(json.indexOf("\"postgres\""));
        assertThat(json.indexOf("\"milvus\"")).isLessThan(json.indexOf("\"pids\""));
        assertThat(ClusterInfo.read(dir)).contains(info);
        assertThat(info.withPid("search-0", 12).pids()).containsEntry("search-0", 12L);
    }
}
