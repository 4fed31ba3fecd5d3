package dev.loupe.ingest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Opens the TCP connection to an address the fetcher has already checked. A seam for tests, which
 * record what would have been connected to (and carry "public" addresses to a loopback server, so
 * that the address guard can be proven without leaving the machine); production code always uses
 * {@link #DIRECT}.
 */
@FunctionalInterface
public interface Connector {

    /** Connects to exactly {@code address} (no name resolution happens here). */
    Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException;

    Connector DIRECT = (address, timeoutMillis) -> {
        Socket socket = new Socket();
        try {
            socket.connect(address, timeoutMillis);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    };
}
