package dev.loupe.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./loupe cluster up} started, as {@code <data>/cluster.json}: each component's URL (or
 * host:port) and the pid of every process, by component name ({@code search-0}, ..., {@code indexer},
 * {@code embedder}, {@code milvus}, {@code kafka}, {@code postgres}). {@code ./loupe cluster down}
 * stops exactly these pids.
 *
 * @param search the search-service replicas' base URLs, {@code search-0} first
 * @param kafka the broker's {@code host:port}
 * @param postgres the database's reactive-client URL
 */
@JsonPropertyOrder({"search", "indexer", "embedder", "kafka", "postgres", "milvus", "pids"})
public record ClusterInfo(
        List<String> search,
        String indexer,
        String embedder,
        String kafka,
        String postgres,
        String milvus,
        Map<String, Long> pids) {

    /** The file's name in the cluster's data directory. */
    public static final String FILE = "cluster.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ClusterInfo {
        search = List.copyOf(search);
        pids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pids));
    }

    /** This cluster with a component's new pid (after a restart). */
    public ClusterInfo withPid(String component, long pid) {
        Map<String, Long> changed = new LinkedHashMap<>(pids);
        changed.put(component, pid);
        return new ClusterInfo(search, indexer, embedder, kafka, postgres, milvus, changed);
    }

    /** Writes {@code <dir>/cluster.json} at once (a reader never sees half of it). */
    public void write(Path dir) throws IOException {
        Path temp = Files.createTempFile(dir, FILE, ".tmp");
        JSON.writeValue(temp.toFile(), this);
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The cluster {@code <dir>/cluster.json} describes, if there is one. */
    public static Optional<ClusterInfo> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        return Files.exists(file) ? Optional.of(JSON.readValue(file.toFile(), ClusterInfo.class)) : Optional.empty();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
