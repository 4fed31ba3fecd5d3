package dev.loupe.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for the servers tests and {@code ./loupe cluster} start on 127.0.0.1. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * A loopback port free when asked (another process may take it before the caller binds it; the
     * servers that use it fail loudly then).
     */
    public static int loopback() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
