package dev.loupe.indexer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.testkit.BadImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Serves the repository's demo photos ({@code demo/photos}, 48 JPEGs) on a loopback port: {@code
 * /photos/<folder>/<file>}, plus bad ones: {@code /truncated.jpg} (a photo cut short), {@code
 * /login.jpg} (HTML), {@code /empty.jpg} (zero bytes), {@code /huge.jpg} (3 MiB announced and sent),
 * {@code /bomb.png} (a 60000 × 60000 PNG of a few dozen bytes), {@code /slow.jpg} (answers after
 * 5 s), {@code /redirect?<url>} (302 to the URL), {@code /status/<code>}.
 */
public final class PhotoServer implements AutoCloseable {

    private static final Path PHOTOS = Path.of("../demo/photos");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private PhotoServer(HttpServer server) {
        this.server = server;
    }

    public static PhotoServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        PhotoServer photos = new PhotoServer(http);
        http.setExecutor(photos.executor);
        http.createContext("/", photos::handle);
        http.start();
        return photos;
    }

    /** The demo photos' paths relative to {@code demo/photos}, sorted. */
    public static List<String> demoPhotos() {
        try (Stream<Path> files = Files.walk(PHOTOS)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> PHOTOS.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/photos/") && !path.contains("..")) {
                Path file = PHOTOS.resolve(path.substring("/photos/".length()));
                if (Files.isRegularFile(file)) {
                    send(exchange, 200, "image/jpeg", Files.readAllBytes(file));
                    return;
                }
            } else if (path.equals("/truncated.jpg")) {
                byte[] photo = Files.readAllBytes(PHOTOS.resolve(demoPhotos().getFirst()));
                send(exchange, 200, "image/jpeg", Arrays.copyOf(photo, photo.length / 3));
                return;
            } else if (path.equals("/login.jpg")) {
                send(exchange, 200, "text/html", "<!doctype html><p>log in".getBytes(StandardCharsets.UTF_8));
                return;
            } else if (path.equals("/empty.jpg")) {
                send(exchange, 200, "image/jpeg", new byte[0]);
                return;
            } else if (path.equals("/huge.jpg")) {
                send(exchange, 200, "image/jpeg", new byte[3 << 20]);
                return;
            } else if (path.equals("/bomb.png")) {
                send(exchange, 200, "image/png", BadImages.pngClaiming(60_000, 60_000));
                return;
            } else if (path.equals("/slow.jpg")) {
                Thread.sleep(5_000);
                send(
                        exchange,
                        200,
                        "image/jpeg",
                        Files.readAllBytes(PHOTOS.resolve(demoPhotos().getFirst())));
                return;
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders()
                        .set("Location", exchange.getRequestURI().getRawQuery());
                exchange.sendResponseHeaders(302, -1);
                return;
            } else if (path.startsWith("/status/")) {
                exchange.sendResponseHeaders(Integer.parseInt(path.substring("/status/".length())), -1);
                return;
            }
            exchange.sendResponseHeaders(404, -1);
        } catch (IOException e) {
            // the client hung up: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
