package dev.loupe.cluster;

import dev.loupe.testkit.kafka.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The cluster's Kafka broker as a process of its own: one KRaft node (broker and controller) on
 * 127.0.0.1, its log kept in the given directory for the next start. Writes {@value #READY} there once
 * it answers; stops cleanly on SIGTERM.
 *
 * <p>{@code KafkaNode <dir> <broker port> <controller port>}
 */
public final class KafkaNode {

    /** The file that tells the launcher the broker is up. */
    static final String READY = "ready";

    private KafkaNode() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        LocalKafka kafka = LocalKafka.startKeepingData(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            kafka.close();
                            stopped.countDown();
                        },
                        "kafka-node-stop"));
        Files.writeString(dir.resolve(READY), kafka.bootstrapServers());
        stopped.await();
    }
}
