package dev.loupe.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./loupe cluster up [--search-replicas N] | down | status | stop <component> | start <component>}:
 * the distributed system on this machine (see {@link Cluster}). Options: {@code --data DIR} (default
 * {@code data/cluster}), {@code --models DIR} (default {@code $LOUPE_MODELS_DIR} or {@code models}),
 * import roots from {@code $LOUPE_IMPORTS_ROOTS} (default {@code demo}). Exit status 0 on success, 1
 * when it failed, 2 for a bad command line.
 */
public final class ClusterCommand {

    private static final String USAGE = "usage: ./loupe cluster up [--search-replicas N] [--data DIR] [--models DIR]\n"
            + "       ./loupe cluster down | status [--data DIR]\n"
            + "       ./loupe cluster stop|start <component> [--data DIR]   (search-0, indexer, embedder, ...)";

    /** The Kafka admin client logs its whole configuration at INFO; held so the level outlives a collection. */
    private static final java.util.logging.Logger KAFKA = java.util.logging.Logger.getLogger("org.apache.kafka");

    private ClusterCommand() {}

    public static void main(String[] args) throws Exception {
        KAFKA.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param out receives its result: {@code cluster.json}, a line a component
     * @param err receives the usage and what went wrong
     * @return the exit status: 0 done, 1 it failed, 2 a bad command line
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        Path repository = Path.of("").toAbsolutePath();
        Path data = Path.of(option(rest, "--data").orElse("data/cluster"));
        try {
            switch (args[0]) {
                case "up" -> {
                    int replicas =
                            Integer.parseInt(option(rest, "--search-replicas").orElse("1"));
                    Path models = Path.of(option(rest, "--models")
                            .orElse(Optional.ofNullable(System.getenv("LOUPE_MODELS_DIR"))
                                    .orElse("models")));
                    List<Path> roots = Arrays.stream(Optional.ofNullable(System.getenv("LOUPE_IMPORTS_ROOTS"))
                                    .orElse("demo")
                                    .split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .map(Path::of)
                            .toList();
                    requireNoneLeft(rest);
                    ClusterInfo info = Cluster.up(new Cluster.Options(repository, data, replicas, models, roots));
                    out.println(info.toJson());
                    out.println("cluster is up: " + data.resolve(ClusterInfo.FILE) + "; search at "
                            + info.search().getFirst() + " (explorer), stop it with ./loupe cluster down");
                }
                case "down" -> {
                    requireNoneLeft(rest);
                    Cluster.down(data);
                    out.println("cluster is down (its data stays in " + data + ")");
                }
                case "status" -> {
                    requireNoneLeft(rest);
                    Optional<ClusterInfo> info = ClusterInfo.read(data.toAbsolutePath());
                    if (info.isEmpty()) {
                        out.println("no cluster in " + data);
                        return 1;
                    }
                    out.println(info.get().toJson());
                    for (Map.Entry<String, Long> pid : info.get().pids().entrySet()) {
                        out.println(pid.getKey() + " (pid " + pid.getValue() + "): "
                                + (Cluster.alive(pid.getValue()) ? "running" : "not running"));
                    }
                }
                case "stop", "start" -> {
                    if (rest.isEmpty()) {
                        err.println(USAGE);
                        return 2;
                    }
                    String component = rest.removeFirst();
                    requireNoneLeft(rest);
                    if (args[0].equals("stop")) {
                        Cluster.stop(data, component);
                    } else {
                        Cluster.start(data, component);
                    }
                    out.println(component + " " + (args[0].equals("stop") ? "stopped" : "started"));
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("loupe cluster: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IllegalStateException e) {
            err.println("loupe cluster: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** Removes {@code --name value} from the arguments and returns the value. */
    private static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return Optional.empty();
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(at + 1);
        args.remove(at + 1);
        args.remove(at);
        return Optional.of(value);
    }

    private static void requireNoneLeft(List<String> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments " + args);
        }
    }
}
