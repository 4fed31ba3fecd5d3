package dev.loupe.embedder.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for embedder-service on a loopback port, for the client's failure paths. It lists model
 * {@value #MODEL} ({@value #DIMENSIONS} dimensions) and embeds a photo whose bytes are {@code photo-N}
 * as {@code [N, 0, 0, 0]}; a photo whose bytes are {@code bad} gets the service's 422 naming its
 * index. A text is embedded as {@code [its length, 0, 0, 0]}. Scripted replies are used first, one per
 * embedding request (of images or texts).
 */
final class ScriptedEmbedder implements AutoCloseable {

    static final String MODEL = "clip-test";
    static final int DIMENSIONS = 4;

    /** A text model with a query instruction, as BGE's. */
    static final String PROMPTED = "bge-test";

    static final String PROMPT = "Q: ";

    /** One scripted answer: a status with a problem body, or no answer until the server closes. */
    record Reply(int status, String body, String retryAfter, boolean hang) {

        static Reply failing(int status) {
            return new Reply(status, "{\"title\":\"scripted " + status + "\",\"status\":" + status + "}", null, false);
        }

        static Reply problem(int status, String body) {
            return new Reply(status, body, null, false);
        }

        static Reply busy(int status, String seconds) {
            return new Reply(status, "{\"title\":\"busy\"}", seconds, false);
        }

        static Reply hanging() {
            return new Reply(0, null, null, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Integer> requestSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> textBodies = Collections.synchronizedList(new ArrayList<>());
    private volatile int maxItems = Integer.MAX_VALUE;

    private ScriptedEmbedder(HttpServer server) {
        this.server = server;
    }

    static ScriptedEmbedder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ScriptedEmbedder embedder = new ScriptedEmbedder(server);
        server.setExecutor(embedder.executor);
        server.createContext("/v1/models", embedder::models);
        server.createContext("/v1/embeddings/images", embedder::images);
        server.createContext("/v1/embeddings/text", embedder::texts);
        server.start();
        return embedder;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues answers for the next embedding requests. */
    void then(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** Refuses requests of more photos as the service does (400 TOO_MANY_ITEMS). */
    void limitItems(int max) {
        maxItems = max;
    }

    /** The number of photos of every embedding request received, in order. */
    List<Integer> requestSizes() {
        synchronized (requestSizes) {
            return List.copyOf(requestSizes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(
                    exchange,
                    200,
                    "{\"data\":[{\"id\":\"text-only\",\"modalities\":[\"text\"],\"dimensions\":8,\"default\":false},"
                            + "{\"id\":\"" + PROMPTED
                            + "\",\"modalities\":[\"text\"],\"dimensions\":4,\"default\":false,"
                            + "\"queryPrompt\":\"" + PROMPT + "\"},"
                            + "{\"id\":\"" + MODEL + "\",\"modalities\":[\"image\",\"text\"],\"dimensions\":"
                            + DIMENSIONS
                            + ",\"default\":true}]}",
                    null);
        }
    }

    private void texts(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            textBodies.add(body);
            if (scripted(exchange)) {
                return;
            }
            // the test texts are plain words: {"input":["a","bb"],...}
            String list = body.substring(body.indexOf('[') + 1, body.indexOf(']'));
            String[] texts = list.isEmpty() ? new String[0] : list.split(",");
            int[] firsts = new int[texts.length];
            for (int i = 0; i < texts.length; i++) {
                firsts[i] = texts[i].length() - 2; // less the quotes
            }
            embeddings(exchange, firsts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout): nothing to answer
        }
    }

    /**
     * Answers with the next scripted reply, if any.
     *
     * @return whether there was one
     */
    private boolean scripted(HttpExchange exchange) throws IOException, InterruptedException {
        Reply reply = script.poll();
        if (reply == null) {
            return false;
        }
        if (reply.hang()) {
            closing.await(30, TimeUnit.SECONDS);
        } else {
            respond(exchange, reply.status(), reply.body(), reply.retryAfter());
        }
        return true;
    }

    /** Answers 200 with one embedding {@code [first, 0, 0, 0]} per input. */
    private static void embeddings(HttpExchange exchange, int[] firsts) throws IOException {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < firsts.length; i++) {
            data.append(i == 0 ? "" : ",")
                    .append("{\"index\":")
                    .append(i)
                    .append(",\"embedding\":[")
                    .append(firsts[i])
                    .append(",0,0,0]}");
        }
        respond(
                exchange,
                200,
                "{\"model\":\"" + MODEL + "\",\"dimensions\":" + DIMENSIONS + ",\"data\":[" + data + "]}",
                null);
    }

    /** The JSON bodies of every text request received, in order. */
    List<String> textBodies() {
        synchronized (textBodies) {
            return List.copyOf(textBodies);
        }
    }

    private void images(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<String> parts = fileParts(exchange);
            requestSizes.add(parts.size());
            if (scripted(exchange)) {
                return;
            }
            if (parts.size() > maxItems) {
                respond(
                        exchange,
                        400,
                        "{\"title\":\"Too many images: " + parts.size() + " in one request, at most " + maxItems
                                + "\",\"status\":400,\"reason\":\"TOO_MANY_ITEMS\"}",
                        null);
                return;
            }
            int[] firsts = new int[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                if (part.equals("bad")) {
                    respond(
                            exchange,
                            422,
                            "{\"type\":\"urn:loupe:problem:corrupt-image\",\"title\":\"Image " + i
                                    + " could not be decoded: truncated\",\"status\":422,\"index\":" + i
                                    + ",\"reason\":\"CORRUPT\"}",
                            null);
                    return;
                }
                firsts[i] = Integer.parseInt(part.substring("photo-".length()));
            }
            embeddings(exchange, firsts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout): nothing to answer
        }
    }

    /** The bodies of the multipart parts named {@code file}, as text (the test photos are short). */
    private static List<String> fileParts(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + "boundary=".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        List<String> files = new ArrayList<>();
        for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd >= 0 && part.substring(0, headersEnd).contains("name=\"file\"")) {
                files.add(part.substring(headersEnd + 4, part.length() - 2)); // less the CRLF before the boundary
            }
        }
        return files;
    }

    private static void respond(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
