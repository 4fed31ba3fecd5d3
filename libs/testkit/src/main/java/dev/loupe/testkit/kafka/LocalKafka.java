package dev.loupe.testkit.kafka;

import dev.loupe.testkit.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * A real single-node Kafka 4.x broker (KRaft, broker and controller combined) inside the test JVM,
 * listening on 127.0.0.1 only, on fixed ports and a data directory of its own, so that {@link
 * #restart()} brings the same broker back on the same address with the same topics, offsets and
 * committed consumer positions. Replication factors and minimum in-sync replicas are 1; the first
 * group rebalance is not delayed. Kafka's INFO logs are turned down to WARN unless {@value
 * #VERBOSE_PROPERTY} is true.
 *
 * <p>Why not {@code org.apache.kafka.common.test.KafkaClusterTestKit}: in Kafka 4.2.1 it pre-binds
 * every listener on the wildcard address ({@code PreboundSocketFactoryManager} opens
 * {@code new InetSocketAddress(0)}), which exposes the test broker beyond loopback. This class runs
 * the same server ({@link KafkaRaftServer}, which the test kit assembles from its parts) itself.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *     kafka.createTopic("photo-ingested", 2);
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 *     kafka.restart(); // clients reconnect to the same address
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalKafka.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1"; // loopback only, never the wildcard address
    private static final Duration STARTUP = Duration.ofSeconds(60); // a cold JVM on 2 shared cores
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** Set to true to see the broker's and the Kafka clients' INFO logs (thousands of lines a test). */
    public static final String VERBOSE_PROPERTY = "loupe.kafka.verbose";

    // broker, controller and client loggers; held so that their level outlives a garbage collection
    private static final List<String> NOISY_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

    private final List<java.util.logging.Logger> quietened = new ArrayList<>();
    private final Path directory;
    private final boolean keepData;
    private final Map<String, String> serverProperties;
    private final int brokerPort;
    private KafkaRaftServer server; // null while stopped
    private Admin admin; // created on first use, reconnects by itself after a restart
    private boolean closed;

    private LocalKafka(Path directory, boolean keepData, Map<String, String> serverProperties, int brokerPort) {
        this.directory = directory;
        this.keepData = keepData;
        this.serverProperties = serverProperties;
        this.brokerPort = brokerPort;
    }

    /** Starts a broker with the default settings; see {@link #start(Map)}. */
    public static LocalKafka start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /**
     * Formats a fresh data directory under {@code java.io.tmpdir}, starts the broker and waits until it
     * answers an admin request.
     *
     * @param overrides broker settings ({@code log.retention.ms}, {@code message.max.bytes}, ...) laid
     *     over the defaults; the listeners and directories cannot be overridden
     * @throws IllegalStateException when the broker does not come up within a minute
     */
    public static LocalKafka start(Map<String, String> overrides) throws IOException, InterruptedException {
        return start(
                Files.createTempDirectory("local-kafka-"),
                false,
                FreePorts.loopback(),
                FreePorts.loopback(),
                overrides);
    }

    /**
     * Starts a broker on a data directory that outlives it ({@code ./loupe cluster}): formatted on first
     * use, its topics, offsets and groups found again by the next start on the same ports.
     */
    public static LocalKafka startKeepingData(Path directory, int brokerPort, int controllerPort)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        return start(directory, true, brokerPort, controllerPort, Map.of());
    }

    private static LocalKafka start(
            Path directory, boolean keepData, int brokerPort, int controllerPort, Map<String, String> overrides)
            throws IOException, InterruptedException {
        Map<String, String> props = new HashMap<>();
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4"); // 50 by default: slow to create on a small machine
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.putAll(overrides);
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("log.dirs", directory.resolve("data").toString());
        props.put("metadata.log.dir", directory.resolve("metadata").toString());
        LocalKafka kafka = new LocalKafka(directory, keepData, Map.copyOf(props), brokerPort);
        if (!Boolean.getBoolean(VERBOSE_PROPERTY)) {
            for (String name : NOISY_LOGGERS) {
                java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
                logger.setLevel(java.util.logging.Level.WARNING);
                kafka.quietened.add(logger);
            }
        }
        try {
            if (!Files.exists(directory.resolve("metadata").resolve("meta.properties"))) {
                kafka.format();
            }
            kafka.startBroker();
        } catch (IOException | InterruptedException | RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}; the same across restarts. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** Creates a topic with replication factor 1 and waits until the broker has it. */
    public void createTopic(String name, int partitions) throws InterruptedException {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with replication factor 1 and the given topic settings. */
    public void createTopic(String name, int partitions, Map<String, String> configs) throws InterruptedException {
        await(admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                .all());
        // the controller has the topic now; the broker learns of it a moment later
        Instant deadline = Instant.now().plus(ADMIN_TIMEOUT);
        while (true) {
            try {
                TopicDescription topic = admin().describeTopics(Set.of(name))
                        .allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(name);
                if (topic.partitions().size() == partitions
                        && topic.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topic " + name + " did not become available", e);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("topic " + name + " has partitions without a leader");
            }
            Thread.sleep(50); // metadata propagation within the one process takes milliseconds
        }
    }

    /** An admin client of this broker, closed by {@link #close()}; callers must not close it. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    (int) ADMIN_TIMEOUT.toMillis()));
        }
        return admin;
    }

    /** Whether the broker is running (between {@link #startBroker()} and {@link #stopBroker()}). */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Shuts the broker down cleanly, keeping its data: clients see connection failures until {@link
     * #startBroker()}. Does nothing when it is already stopped.
     */
    public synchronized void stopBroker() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
    }

    /**
     * Starts the broker on the data it has and the same ports, and waits until it answers an admin
     * request. Does nothing when it is running.
     */
    public synchronized void startBroker() throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("this LocalKafka was closed");
        }
        if (server != null) {
            return;
        }
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(serverProperties, false), Time.SYSTEM);
        server = starting;
        starting.startup();
        awaitReady();
    }

    /** {@link #stopBroker()} then {@link #startBroker()}: same address, topics, offsets and groups. */
    public void restart() throws InterruptedException {
        stopBroker();
        startBroker();
    }

    /** Stops the broker and deletes its data (unless started to keep it). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
            stopBroker();
        } finally {
            if (!keepData) {
                deleteDirectory();
            }
        }
    }

    /** {@link #close()}, for readers who expect a server to {@code stop}. */
    public void stop() {
        close();
    }

    private void format() throws IOException {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(serverProperties.get("log.dirs"), serverProperties.get("metadata.log.dir")))
                .setMetadataLogDirectory(serverProperties.get("metadata.log.dir"))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(CONTROLLER_LISTENER);
        try {
            formatter.run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka data directory " + directory, e);
        }
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (!admin().describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = new IllegalStateException(e.getMessage(), e);
            }
            Thread.sleep(100); // the broker registers with its controller a moment after startup()
        }
        throw new IllegalStateException("the Kafka broker did not become ready within " + STARTUP, last);
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka broker did not answer within " + ADMIN_TIMEOUT, e);
        }
    }

    private void deleteDirectory() {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not delete %s: %s", directory, e.getMessage());
        }
    }
}
