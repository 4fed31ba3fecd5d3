package dev.loupe.cluster;

import java.util.List;
import java.util.Map;

/**
 * How one component of the cluster is started, kept in {@code <data>/launches.json} so that a component
 * can be started again as it was ({@link Cluster#start(java.nio.file.Path, String)}).
 *
 * @param name the component ({@code search-0}, {@code embedder}, ...)
 * @param command the program and its arguments
 * @param environment variables set on top of the launcher's own environment
 * @param log the file its output goes to (appended)
 * @param ready how to tell it is up: {@code http://...} answers 200, {@code tcp:host:port} accepts a
 *     connection, or {@code file:/path} exists
 */
public record Launch(String name, List<String> command, Map<String, String> environment, String log, String ready) {

    public Launch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
