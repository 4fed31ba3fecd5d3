package dev.loupe.testkit;

import com.sun.net.httpserver.HttpServer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Any number of distinct real photos from a small folder of JPEGs (the repository's {@code
 * demo/photos}): photo {@code i} is source photo {@code i mod n}, cropped by an offset that grows with
 * {@code i / n} and re-encoded, so every one has its own bytes and content hash while staying a real
 * photograph (what a decoder, an embedder and a deduplicator see in production). Deterministic.
 */
public final class PhotoCorpus {

    private static final int MAX_CROP = 24; // pixels off each edge, at most

    private final List<BufferedImage> sources;

    private PhotoCorpus(List<BufferedImage> sources) {
        this.sources = sources;
    }

    /** The JPEGs under {@code dir} (recursively, in path order). */
    public static PhotoCorpus of(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().toLowerCase().endsWith(".jpg"))
                    .sorted()
                    .toList();
        }
        List<BufferedImage> images = new ArrayList<>(files.size());
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image != null && image.getWidth() > 2 * MAX_CROP + 16 && image.getHeight() > 2 * MAX_CROP + 16) {
                images.add(image);
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no usable JPEG under " + dir);
        }
        return new PhotoCorpus(List.copyOf(images));
    }

    /** The repository's demo photos (48 JPEGs), found from the working directory upwards. */
    public static PhotoCorpus demo() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path demo = dir.resolve("demo/photos");
            if (Files.isDirectory(demo)) {
                return of(demo);
            }
        }
        throw new IOException("no demo/photos above " + Path.of("").toAbsolutePath());
    }

    /** Photo number {@code i} as JPEG bytes: distinct from every other number's. */
    public byte[] jpeg(int i) {
        BufferedImage source = sources.get(i % sources.size());
        int variant = i / sources.size();
        // (left, top) walks a grid of offsets, so two variants of one source never crop alike
        int left = variant % (MAX_CROP + 1);
        int top = (variant / (MAX_CROP + 1)) % (MAX_CROP + 1);
        int width = source.getWidth() - MAX_CROP;
        int height = source.getHeight() - MAX_CROP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, -left, -top, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try {
            if (!ImageIO.write(out, "jpg", bytes)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Serves photo {@code i} at {@code /corpus/<i>.jpg} on a free 127.0.0.1 port, until the returned
     * server is stopped.
     */
    public HttpServer serve() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/corpus/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring("/corpus/".length());
                byte[] jpeg = jpeg(Integer.parseInt(name.substring(0, name.indexOf('.'))));
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, jpeg.length);
                exchange.getResponseBody().write(jpeg);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(404, -1);
            }
        });
        server.start();
        return server;
    }

    /** The URL of photo {@code i} on a server from {@link #serve}. */
    public static String url(HttpServer server, int i) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/corpus/" + i + ".jpg";
    }

    /** How many distinct photos this corpus can make. */
    public int capacity() {
        return sources.size() * (MAX_CROP + 1) * (MAX_CROP + 1);
    }
}
