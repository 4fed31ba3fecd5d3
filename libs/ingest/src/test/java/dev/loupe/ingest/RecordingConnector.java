package dev.loupe.ingest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the address the fetcher connects to, and connects to nothing but the local test server: it
 * stands in for the network, so that tests can "reach" public addresses without leaving loopback.
 */
final class RecordingConnector implements Connector {

    private final int localPort;
    private final List<InetSocketAddress> attempts = new CopyOnWriteArrayList<>();

    private RecordingConnector(int localPort) {
        this.localPort = localPort;
    }

    /** Refuses every connection after recording it. */
    static RecordingConnector refusing() {
        return new RecordingConnector(-1);
    }

    /** Connects every address to 127.0.0.1:port (the test server) instead. */
    static RecordingConnector to(PhotoServer server) {
        return new RecordingConnector(server.port());
    }

    List<InetSocketAddress> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException {
        attempts.add(address);
        if (localPort < 0) {
            throw new ConnectException("test connector: connection refused");
        }
        return Connector.DIRECT.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort), timeoutMillis);
    }
}
