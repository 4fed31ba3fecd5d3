package dev.loupe.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET over a connection to an address chosen (and checked) by the caller, never to a
 * name resolved here: that is what keeps a DNS answer from changing between the check and the
 * connection. TLS verifies the certificate against the URL's host name and sends it as SNI.
 */
final class HttpTransport {

    private static final int MAX_LINE = 8 * 1024; // longer than any sane status, header or chunk-size line
    private static final int MAX_HEADER_BYTES = 64 * 1024; // what common servers accept, and more
    private static final int MAX_HEADERS = 128;
    private static final int MAX_INTERIM_RESPONSES = 8; // 100 Continue, 103 Early Hints
    private static final int BUFFER = 16 * 1024;

    /** A response: its status and headers, and the body when one was asked for. */
    record Response(int status, String reasonPhrase, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, by case-insensitive name. */
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private final FetchPolicy policy;
    private final Connector connector;
    private final SSLSocketFactory tls;

    HttpTransport(FetchPolicy policy, Connector connector, SSLSocketFactory tls) {
        this.policy = policy;
        this.connector = connector;
        this.tls = tls;
    }

    /**
     * Sends {@code GET target} to the first of {@code addresses} that accepts a connection.
     *
     * @param readBody whether to read the body (for a 2xx answer); other answers are closed unread
     * @throws FetchException TIMEOUT, NETWORK or TOO_LARGE
     */
    Response get(URI target, List<InetAddress> addresses, Deadline deadline, boolean readBody) throws FetchException {
        String host = HostNames.unbracketed(target.getHost());
        int port = port(target);
        Socket socket = connect(host, addresses, port, deadline);
        try (socket;
                Watchdog watchdog = Watchdog.guard(socket, deadline)) {
            socket.setSoTimeout(deadline.remainingMillis());
            Socket connection = "https".equalsIgnoreCase(target.getScheme()) ? handshake(socket, host, port) : socket;
            OutputStream out = connection.getOutputStream();
            out.write(request(target, host, port));
            out.flush();
            InputStream in = new BufferedInputStream(connection.getInputStream(), BUFFER);
            Response head = readHead(in, host);
            if (!readBody || head.status() < 200 || head.status() > 299) {
                return head;
            }
            byte[] body = readBody(in, head, host);
            return new Response(head.status(), head.reasonPhrase(), head.headers(), body);
        } catch (FetchException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw timeout(host, deadline);
        } catch (SSLException e) {
            if (deadline.passed()) {
                throw timeout(host, deadline);
            }
            throw new FetchException(
                    FailureReason.NETWORK, "the TLS connection to " + host + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            if (deadline.passed()) {
                throw timeout(host, deadline);
            }
            throw new FetchException(FailureReason.NETWORK, "the connection to " + host + " failed: " + describe(e), e);
        }
    }

    private Socket connect(String host, List<InetAddress> addresses, int port, Deadline deadline)
            throws FetchException {
        IOException last = null;
        for (InetAddress address : addresses) {
            int timeout;
            try {
                timeout = (int) Math.min(policy.connectTimeout().toMillis(), deadline.remainingMillis());
            } catch (SocketTimeoutException e) {
                throw timeout(host, deadline);
            }
            try {
                return connector.connect(new InetSocketAddress(address, port), Math.max(1, timeout));
            } catch (SocketTimeoutException e) {
                last = e;
                if (deadline.passed()) {
                    throw timeout(host, deadline);
                }
            } catch (IOException e) {
                last = e;
            }
        }
        if (last instanceof SocketTimeoutException) {
            throw new FetchException(
                    FailureReason.TIMEOUT,
                    "could not connect to " + host + " port " + port + " within " + seconds(policy.connectTimeout()),
                    last);
        }
        throw new FetchException(
                FailureReason.NETWORK,
                "could not connect to " + host + " port " + port + ": "
                        + (last == null ? "no address" : describe(last)),
                last);
    }

    private Socket handshake(Socket socket, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
        if (!HostNames.isIpLiteral(host)) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException e) {
                // not a valid SNI name (e.g. a trailing dot): the handshake goes without SNI
            }
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private byte[] request(URI target, String host, int port) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
        String authority = HostNames.isIpv6Literal(host) ? "[" + host + "]" : host;
        boolean defaultPort = port == defaultPort(target.getScheme());
        String request = "GET " + path + query + " HTTP/1.1\r\n"
                + "Host: " + authority + (defaultPort ? "" : ":" + port) + "\r\n"
                + "User-Agent: " + policy.userAgent() + "\r\n"
                + "Accept: image/*, */*;q=0.5\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    private static Response readHead(InputStream in, String host) throws IOException, FetchException {
        for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
            String statusLine = readLine(in, host);
            if (statusLine == null) {
                throw new FetchException(FailureReason.NETWORK, host + " closed the connection without answering");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
                throw new FetchException(
                        FailureReason.NETWORK, host + " did not answer in HTTP/1.x: '" + printable(statusLine) + "'");
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = readHeaders(in, host);
            if (status >= 200) {
                return new Response(status, parts.length > 2 ? printable(parts[2]) : "", headers, null);
            }
        }
        throw new FetchException(FailureReason.NETWORK, host + " sent too many interim (1xx) responses");
    }

    private static Map<String, List<String>> readHeaders(InputStream in, String host)
            throws IOException, FetchException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int bytes = 0;
        for (int count = 0; ; count++) {
            String line = readLine(in, host);
            if (line == null) {
                throw new FetchException(FailureReason.NETWORK, host + " closed the connection within the headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            bytes += line.length();
            int colon = line.indexOf(':');
            if (count >= MAX_HEADERS || bytes > MAX_HEADER_BYTES) {
                throw new FetchException(FailureReason.NETWORK, host + " sent more headers than allowed");
            }
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new FetchException(
                        FailureReason.NETWORK, host + " sent a malformed header line: '" + printable(line) + "'");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
    }

    private byte[] readBody(InputStream in, Response head, String host) throws IOException, FetchException {
        List<String> encodings = head.headers().getOrDefault("transfer-encoding", List.of());
        if (encodings.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains("chunked"))) {
            return readChunked(in, host);
        }
        Optional<Long> length = contentLength(head, host);
        if (length.isPresent()) {
            if (length.get() > policy.maxBytes()) {
                throw tooLarge(host + " announces " + length.get() + " bytes, more");
            }
            byte[] body = in.readNBytes(length.get().intValue());
            if (body.length < length.get()) {
                throw new FetchException(
                        FailureReason.NETWORK,
                        host + " closed the connection after " + body.length + " of " + length.get() + " bytes");
            }
            return body;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        copyAtMost(in, body, Long.MAX_VALUE, host);
        return body.toByteArray();
    }

    private byte[] readChunked(InputStream in, String host) throws IOException, FetchException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(in, host);
            if (line == null) {
                throw new FetchException(FailureReason.NETWORK, host + " closed the connection within a chunked body");
            }
            int extension = line.indexOf(';');
            String hex = (extension >= 0 ? line.substring(0, extension) : line).strip();
            long size;
            try {
                size = hex.length() > 15 ? Long.MAX_VALUE : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new FetchException(
                        FailureReason.NETWORK, host + " sent a malformed chunk size: '" + printable(line) + "'");
            }
            if (size < 0) {
                throw new FetchException(FailureReason.NETWORK, host + " sent a negative chunk size");
            }
            if (size == 0) {
                readHeaders(in, host); // trailers
                return body.toByteArray();
            }
            if (body.size() + size > policy.maxBytes()) {
                throw tooLarge(host + " sent more");
            }
            if (copyAtMost(in, body, size, host) < size) {
                throw new FetchException(FailureReason.NETWORK, host + " closed the connection within a chunk");
            }
            String end = readLine(in, host);
            if (end == null || !end.isEmpty()) {
                throw new FetchException(FailureReason.NETWORK, host + " sent a chunk longer than it announced");
            }
        }
    }

    /** Copies up to {@code limit} bytes (or to the end), failing as soon as the body passes maxBytes. */
    private long copyAtMost(InputStream in, ByteArrayOutputStream body, long limit, String host)
            throws IOException, FetchException {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        while (copied < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
            if (n < 0) {
                break;
            }
            if (body.size() + n > policy.maxBytes()) {
                throw tooLarge(host + " sent more");
            }
            body.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private static Optional<Long> contentLength(Response head, String host) throws FetchException {
        List<String> values = head.headers().getOrDefault("content-length", List.of());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        long length = -1;
        for (String value : values) {
            long parsed;
            try {
                parsed = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                parsed = -1;
            }
            if (parsed < 0 || (length >= 0 && parsed != length)) {
                throw new FetchException(
                        FailureReason.NETWORK,
                        host + " sent an invalid Content-Length: " + printable(values.toString()));
            }
            length = parsed;
        }
        return Optional.of(length);
    }

    /** A CRLF- (or LF-) terminated line in ISO-8859-1, without the terminator; null at the end of input. */
    private static String readLine(InputStream in, String host) throws IOException, FetchException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (c == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new FetchException(
                        FailureReason.NETWORK, host + " sent a line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
    }

    /** A TOO_LARGE failure; {@code what} reads on with "than the limit". */
    private FetchException tooLarge(String what) {
        return new FetchException(FailureReason.TOO_LARGE, what + " than the limit of " + policy.maxBytes() + " bytes");
    }

    private static FetchException timeout(String host, Deadline deadline) {
        return new FetchException(
                FailureReason.TIMEOUT,
                host + " did not deliver the photo within the fetch deadline of " + seconds(deadline.total()));
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
