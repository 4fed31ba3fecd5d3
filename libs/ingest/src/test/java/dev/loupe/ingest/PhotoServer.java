package dev.loupe.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A photo server on 127.0.0.1 for fetch tests, recording every request it receives:
 *
 * <ul>
 *   <li>{@code /photos/<name>}: a photo from the test resources, with Content-Length
 *   <li>{@code /status/<code>}: answers that status
 *   <li>{@code /slow}: answers nothing until the server closes
 *   <li>{@code /drip}: sends a byte every 50 ms until the server closes
 *   <li>{@code /huge-length}: announces 10 MiB
 *   <li>{@code /huge-chunked}: streams chunks without a length, up to 8 MiB
 *   <li>{@code /redirect?<url>}: 302 to the URL; {@code /loop-a} and {@code /loop-b} redirect to each
 *       other; {@code /hops/<n>} to {@code /hops/<n+1>} forever
 * </ul>
 */
final class PhotoServer implements AutoCloseable {

    /** A request as the server saw it. */
    record Request(String path, String host) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    private PhotoServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static PhotoServer start() throws IOException {
        return new PhotoServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static PhotoServer startTls(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new PhotoServer(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL of a path on this server, by IP literal. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Host")));
            if (path.startsWith("/photos/")) {
                byte[] photo;
                try {
                    photo = TestPhotos.bytes(path.substring("/photos/".length()));
                } catch (IllegalStateException e) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", path.endsWith(".png") ? "image/png" : "image/jpeg");
                exchange.sendResponseHeaders(200, photo.length);
                exchange.getResponseBody().write(photo);
            } else if (path.startsWith("/status/")) {
                exchange.sendResponseHeaders(Integer.parseInt(path.substring("/status/".length())), -1);
            } else if (path.equals("/slow")) {
                awaitClosing(Long.MAX_VALUE);
            } else if (path.equals("/drip")) {
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                while (!awaitClosing(50)) {
                    body.write('x');
                    body.flush();
                }
            } else if (path.equals("/huge-length")) {
                exchange.sendResponseHeaders(200, 10L * 1024 * 1024);
                exchange.getResponseBody().write(new byte[1024]);
                exchange.getResponseBody().flush();
                awaitClosing(Long.MAX_VALUE); // the rest never comes: the client must not wait for it
            } else if (path.equals("/huge-chunked")) {
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                for (int i = 0; i < 128; i++) {
                    body.write(new byte[64 * 1024]);
                }
            } else if (path.equals("/redirect")) {
                redirect(exchange, exchange.getRequestURI().getRawQuery());
            } else if (path.equals("/loop-a")) {
                redirect(exchange, "/loop-b");
            } else if (path.equals("/loop-b")) {
                redirect(exchange, "/loop-a");
            } else if (path.startsWith("/hops/")) {
                redirect(exchange, "/hops/" + (Integer.parseInt(path.substring("/hops/".length())) + 1));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (IOException e) {
            // the client hung up (as the fetcher does on refusing a body): nothing to answer
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    /** Waits up to the time for the server to close; true when it did. */
    private boolean awaitClosing(long millis) {
        try {
            return closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
