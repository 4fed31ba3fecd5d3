package dev.loupe.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.database.EmbeddedPostgresServer;
import dev.loupe.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * The whole distributed system on one machine, as real processes on 127.0.0.1, no Docker: a Kafka
 * broker (KRaft, one node), a PostgreSQL server, a Milvus-API server (milvus-lite, the one the tests
 * use), embedder-service, indexer-service and N search-service replicas in distributed mode. {@link
 * #up} starts them in dependency order, each in a session of its own with its output in {@code
 * <data>/logs/}, waits until each answers, and writes {@code <data>/cluster.json}; they outlive the
 * launcher. {@link #down} stops exactly the pids {@code cluster.json} names, and the PostgreSQL server
 * behind its holder process. Data (database, Kafka log, Milvus) stays in {@code <data>} for the next
 * {@code up}.
 */
public final class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class);

    /** Components in the order they start; {@code down} stops them the other way round. */
    static final List<String> INFRASTRUCTURE = List.of("postgres", "kafka", "milvus");

    /** How long a component may take to answer after it was started (cold JVMs on two shared cores). */
    static final Duration STARTUP = Duration.ofMinutes(3);

    /** How long a component may take to stop before it is killed. */
    static final Duration SHUTDOWN = Duration.ofSeconds(30);

    /** Partitions of {@code photo-ingested} and its retry topic. */
    static final int PARTITIONS = 2;

    private static final String LAUNCHES = "launches.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What to start.
     *
     * @param repository the checkout: its packaged services ({@code <module>/target/quarkus-app}) and
     *     {@code .venv/milvus}
     * @param dataDir everything the cluster keeps, its logs and {@code cluster.json}
     * @param searchReplicas how many search-service replicas, at least 1
     * @param modelsDir the model bundles embedder-service loads
     * @param importRoots the directories folder imports may read (indexer and search replicas alike)
     */
    public record Options(Path repository, Path dataDir, int searchReplicas, Path modelsDir, List<Path> importRoots) {

        public Options {
            if (searchReplicas < 1) {
                throw new IllegalArgumentException("--search-replicas must be at least 1");
            }
            repository = repository.toAbsolutePath().normalize();
            dataDir = dataDir.toAbsolutePath().normalize();
            modelsDir = modelsDir.toAbsolutePath().normalize();
            importRoots = importRoots.stream()
                    .map(p -> p.toAbsolutePath().normalize())
                    .toList();
        }
    }

    private Cluster() {}

    /**
     * Starts the cluster and writes {@code cluster.json}.
     *
     * @throws IllegalStateException when a cluster of this data directory still runs, a packaged
     *     service or milvus-lite is missing, or a component does not come up (what was started is
     *     stopped again; its log names why)
     */
    public static ClusterInfo up(Options options) throws IOException, InterruptedException {
        Path data = options.dataDir();
        Files.createDirectories(data.resolve("logs"));
        Files.createDirectories(data.resolve("tmp"));
        Optional<ClusterInfo> running = ClusterInfo.read(data);
        if (running.isPresent() && running.get().pids().values().stream().anyMatch(Cluster::alive)) {
            throw new IllegalStateException("a cluster already runs on " + data + " (pids "
                    + running.get().pids() + "); stop it first: ./loupe cluster down");
        }
        Ports ports = Ports.choose(options.searchReplicas());
        Map<String, Launch> launches = launches(options, ports);
        for (Launch launch : launches.values()) {
            requireProgram(launch);
        }
        Files.writeString(data.resolve(LAUNCHES), JSON.writeValueAsString(launches));
        Map<String, Long> pids = new LinkedHashMap<>();
        ClusterInfo info = info(options, ports, pids);
        try {
            for (String name : INFRASTRUCTURE) {
                pids.put(name, startAndAwait(launches.get(name)));
                info = info(options, ports, pids);
                info.write(data); // written as it grows: down stops whatever had started
            }
            createTopics(ports.kafkaAddress());
            pids.put("embedder", startAndAwait(launches.get("embedder")));
            pids.put("indexer", startAndAwait(launches.get("indexer")));
            List<String> replicas = new ArrayList<>();
            for (int i = 0; i < options.searchReplicas(); i++) {
                String name = "search-" + i;
                pids.put(name, start(launches.get(name)));
                replicas.add(name);
            }
            info = info(options, ports, pids);
            info.write(data);
            for (String name : replicas) {
                await(launches.get(name), pids.get(name));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.errorf("the cluster did not come up: %s; stopping what had started", e.getMessage());
            info(options, ports, pids).write(data);
            down(data);
            throw e;
        }
        LOG.infof("cluster up: %s", info.toJson());
        return info;
    }

    /**
     * Stops every process {@code cluster.json} names (search replicas first, PostgreSQL last): SIGTERM,
     * then SIGKILL after {@link #SHUTDOWN}; the PostgreSQL server too, should it outlive its holder.
     * Removes {@code cluster.json}. Does nothing when there is none.
     */
    public static void down(Path dataDir) throws IOException, InterruptedException {
        Path data = dataDir.toAbsolutePath().normalize();
        Optional<ClusterInfo> cluster = ClusterInfo.read(data);
        if (cluster.isEmpty()) {
            LOG.infof("no cluster.json in %s: nothing to stop", data);
            return;
        }
        List<String> order = new ArrayList<>(cluster.get().pids().keySet());
        order.sort((a, b) -> Integer.compare(stopRank(a), stopRank(b)));
        Optional<Long> postmaster = EmbeddedPostgresServer.postmasterPid(data.resolve("postgres"));
        for (String name : order) {
            stop(name, cluster.get().pids().get(name));
        }
        if (postmaster.isPresent() && alive(postmaster.get())) {
            LOG.infof("stopping the PostgreSQL server (pid %d) its holder left", postmaster.get());
            signal("INT", postmaster.get());
            awaitGone(postmaster.get(), SHUTDOWN);
        }
        Files.deleteIfExists(data.resolve(ClusterInfo.FILE));
    }

    /**
     * Starts one component again as {@code up} did (same ports, settings and log) and waits until it
     * answers; for a component that was stopped or killed.
     *
     * @return the cluster with the component's new pid, written to {@code cluster.json}
     */
    public static ClusterInfo start(Path dataDir, String component) throws IOException, InterruptedException {
        Path data = dataDir.toAbsolutePath().normalize();
        ClusterInfo cluster = ClusterInfo.read(data)
                .orElseThrow(() -> new IllegalStateException("no cluster.json in " + data + ": ./loupe cluster up"));
        Launch launch = launches(data).get(component);
        if (launch == null) {
            throw new IllegalArgumentException("no component " + component + "; there are "
                    + launches(data).keySet());
        }
        Long previous = cluster.pids().get(component);
        if (previous != null && alive(previous)) {
            throw new IllegalStateException(component + " still runs (pid " + previous + ")");
        }
        ClusterInfo updated = cluster.withPid(component, startAndAwait(launch));
        updated.write(data);
        return updated;
    }

    /** Stops one component (SIGTERM, then SIGKILL after {@link #SHUTDOWN}); {@link #start} brings it back. */
    public static void stop(Path dataDir, String component) throws IOException, InterruptedException {
        ClusterInfo cluster = ClusterInfo.read(dataDir.toAbsolutePath().normalize())
                .orElseThrow(() -> new IllegalStateException("no cluster.json in " + dataDir));
        Long pid = cluster.pids().get(component);
        if (pid == null) {
            throw new IllegalArgumentException(
                    "no component " + component + " in " + cluster.pids().keySet());
        }
        stop(component, pid);
    }

    /** Whether a process with this pid runs. */
    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    // --- launching

    /**
     * What {@link #up} would start, by component, on ports chosen now; starts nothing. The
     * configuration contract (tools/deploy-contract) reads the services' environments from it.
     */
    public static Map<String, Launch> plan(Options options) {
        return launches(options, Ports.choose(options.searchReplicas()));
    }

    private static Map<String, Launch> launches(Options options, Ports ports) {
        Path data = options.dataDir();
        Path repo = options.repository();
        String java = javaExecutable();
        String classpath = System.getProperty("java.class.path");
        Map<String, Launch> launches = new LinkedHashMap<>();
        launches.put(
                "postgres",
                new Launch(
                        "postgres",
                        List.of(
                                java,
                                "-Djava.io.tmpdir=" + data.resolve("tmp"),
                                PostgresNode.class.getName(),
                                data.resolve("postgres").toString(),
                                Integer.toString(ports.postgres())),
                        Map.of("CLASSPATH", classpath),
                        log(data, "postgres"),
                        "file:" + data.resolve("postgres").resolve(PostgresNode.READY)));
        launches.put(
                "kafka",
                new Launch(
                        "kafka",
                        List.of(
                                java,
                                "-Djava.io.tmpdir=" + data.resolve("tmp"),
                                KafkaNode.class.getName(),
                                data.resolve("kafka").toString(),
                                Integer.toString(ports.kafka()),
                                Integer.toString(ports.kafkaController())),
                        Map.of("CLASSPATH", classpath),
                        log(data, "kafka"),
                        "file:" + data.resolve("kafka").resolve(KafkaNode.READY)));
        launches.put(
                "milvus",
                new Launch(
                        "milvus",
                        List.of(
                                repo.resolve(".venv/milvus/bin/milvus-lite").toString(),
                                "server",
                                "--data-dir",
                                data.resolve("milvus").toString(),
                                "--host",
                                "127.0.0.1",
                                "--port",
                                Integer.toString(ports.milvus())),
                        Map.of(),
                        log(data, "milvus"),
                        "tcp:127.0.0.1:" + ports.milvus()));
        launches.put(
                "embedder",
                service(
                        "embedder",
                        repo.resolve("embedder-service"),
                        data,
                        ports.embedder(),
                        Map.of("LOUPE_EMBEDDER_MODELS_DIR", options.modelsDir().toString())));
        Map<String, String> database = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + ports.postgres() + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres");
        String roots = String.join(
                ",", options.importRoots().stream().map(Path::toString).toList());
        Map<String, String> indexer = new LinkedHashMap<>(database);
        indexer.put("LOUPE_KAFKA_BOOTSTRAP_SERVERS", ports.kafkaAddress());
        indexer.put("LOUPE_EMBEDDER_URL", url(ports.embedder()));
        indexer.put("LOUPE_MILVUS_URI", url(ports.milvus()));
        indexer.put("LOUPE_IMPORTS_ROOTS", roots);
        launches.put("indexer", service("indexer", repo.resolve("indexer-service"), data, ports.indexer(), indexer));
        for (int i = 0; i < ports.search().size(); i++) {
            String name = "search-" + i;
            Map<String, String> search = new LinkedHashMap<>(database);
            search.put("LOUPE_MODE", "distributed");
            search.put("LOUPE_EMBEDDER_URL", url(ports.embedder()));
            search.put("LOUPE_STORE_MILVUS_URI", url(ports.milvus()));
            search.put("LOUPE_IMPORTS_ROOTS", roots);
            search.put("LOUPE_DATA_DIR", data.resolve(name).toString());
            launches.put(
                    name,
                    service(
                            name,
                            repo.resolve("search-service"),
                            data,
                            ports.search().get(i),
                            search));
        }
        return launches;
    }

    /**
     * A packaged Quarkus service on 127.0.0.1. Settings the user exported ({@code LOUPE_*}, {@code
     * QUARKUS_*}) reach it through the inherited environment; those the cluster decides override them.
     */
    private static Launch service(String name, Path module, Path data, int port, Map<String, String> settings) {
        Map<String, String> environment = new LinkedHashMap<>(settings);
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("DJL_OFFLINE", "true");
        return new Launch(
                name,
                List.of(
                        javaExecutable(),
                        "-Djava.io.tmpdir=" + data.resolve("tmp"),
                        "--enable-native-access=ALL-UNNAMED",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-jar",
                        module.resolve("target/quarkus-app/quarkus-run.jar").toString()),
                environment,
                log(data, name),
                url(port) + "/q/health/ready");
    }

    private static void requireProgram(Launch launch) {
        for (String part : launch.command()) {
            if (part.endsWith(".jar") || part.endsWith("milvus-lite")) {
                if (!Files.exists(Path.of(part))) {
                    throw new IllegalStateException(launch.name() + ": " + part + " is missing ("
                            + (part.endsWith(".jar")
                                    ? "build it: ./mvnw package -DskipTests"
                                    : "install it: deploy/milvus/install-local-milvus.sh")
                            + ")");
                }
            }
        }
    }

    private static long startAndAwait(Launch launch) throws IOException, InterruptedException {
        long pid = start(launch);
        await(launch, pid);
        return pid;
    }

    /** Starts the component in a session of its own (so a terminal's Ctrl-C does not reach it). */
    private static long start(Launch launch) throws IOException {
        if (launch.ready().startsWith("file:")) {
            Files.deleteIfExists(Path.of(launch.ready().substring("file:".length())));
        }
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.addAll(launch.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(Path.of(launch.log()).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        LOG.infof("%s started (pid %d), log %s", launch.name(), process.pid(), launch.log());
        return process.pid();
    }

    private static void await(Launch launch, long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!alive(pid)) {
                throw new IllegalStateException(launch.name() + " exited while starting; see " + launch.log());
            }
            if (ready(launch.ready(), http)) {
                LOG.infof("%s is up (%s)", launch.name(), launch.ready());
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        launch.name() + " did not come up within " + STARTUP + "; see " + launch.log());
            }
            Thread.sleep(200);
        }
    }

    private static boolean ready(String check, HttpClient http) throws InterruptedException {
        if (check.startsWith("file:")) {
            return Files.exists(Path.of(check.substring("file:".length())));
        }
        if (check.startsWith("tcp:")) {
            String[] hostPort = check.substring("tcp:".length()).split(":");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(check))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code photo-ingested}, its retry topic (as many partitions) and its dead-letter topic, if missing. */
    private static void createTopics(String bootstrap) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (NewTopic topic : List.of(
                    new NewTopic("photo-ingested", PARTITIONS, (short) 1),
                    new NewTopic("photo-ingested.retry", PARTITIONS, (short) 1),
                    new NewTopic("photo-ingested.dlq", 1, (short) 1))) {
                try {
                    admin.createTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic " + topic.name() + ": "
                                        + e.getCause().getMessage(),
                                e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("the broker did not create topic " + topic.name() + " in time", e);
                }
            }
        }
    }

    // --- stopping

    private static int stopRank(String name) {
        if (name.startsWith("search-")) {
            return 0;
        }
        return switch (name) {
            case "indexer" -> 1;
            case "embedder" -> 2;
            case "milvus" -> 3;
            case "kafka" -> 4;
            case "postgres" -> 5;
            default -> 0;
        };
    }

    private static void stop(String name, long pid) throws InterruptedException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return;
        }
        process.get().destroy();
        if (!awaitGone(pid, SHUTDOWN)) {
            LOG.warnf("%s (pid %d) did not stop within %s: killing it", name, pid, SHUTDOWN);
            process.get().destroyForcibly();
            awaitGone(pid, Duration.ofSeconds(10));
        }
        LOG.infof("%s (pid %d) stopped", name, pid);
    }

    private static boolean awaitGone(long pid, Duration wait) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        while (alive(pid)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static void signal(String signal, long pid) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warnf("cannot signal pid %d: %s", pid, e.getMessage());
        }
    }

    // --- bookkeeping

    private static Map<String, Launch> launches(Path data) throws IOException {
        return JSON.readValue(data.resolve(LAUNCHES).toFile(), new TypeReference<LinkedHashMap<String, Launch>>() {});
    }

    private static ClusterInfo info(Options options, Ports ports, Map<String, Long> pids) {
        return new ClusterInfo(
                ports.search().stream().map(Cluster::url).toList(),
                url(ports.indexer()),
                url(ports.embedder()),
                ports.kafkaAddress(),
                "postgresql://127.0.0.1:" + ports.postgres() + "/postgres",
                url(ports.milvus()),
                pids);
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static String log(Path data, String name) {
        return data.resolve("logs").resolve(name + ".log").toString();
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The ports of one cluster, free when chosen. */
    record Ports(
            int postgres, int kafka, int kafkaController, int milvus, int embedder, int indexer, List<Integer> search) {

        static Ports choose(int replicas) {
            List<Integer> search = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                search.add(free());
            }
            return new Ports(free(), free(), free(), free(), free(), free(), search);
        }

        String kafkaAddress() {
            return "127.0.0.1:" + kafka;
        }

        private static int free() {
            try {
                return FreePorts.loopback();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
    }
}
