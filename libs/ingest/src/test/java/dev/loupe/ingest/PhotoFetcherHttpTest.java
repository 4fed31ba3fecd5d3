package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching over HTTP(S) from a real server on 127.0.0.1: limits, redirects, statuses, refusals. */
class PhotoFetcherHttpTest {

    /** For the timeout tests; the others get {@link #PATIENCE}, as a loaded machine may be slow. */
    private static final Duration DEADLINE = Duration.ofMillis(500);

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MAX_BYTES = 64 * 1024;
    private static final InetAddress PUBLIC = PhotoFetcherAddressTest.address("93.184.216.34");

    private PhotoServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = PhotoServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void fetches_a_photo_with_its_content_type() throws FetchException {
        FetchedPhoto photo = fetcher(true).fetch(server.url("/photos/caltech_chair.jpg"));

        assertThat(photo.bytes()).isEqualTo(TestPhotos.bytes("caltech_chair.jpg"));
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(photo.location()).isEqualTo(server.url("/photos/caltech_chair.jpg"));
    }

    @Test
    void connects_to_the_resolved_address_and_names_the_host_in_the_request() throws FetchException {
        AtomicInteger lookups = new AtomicInteger();
        AddressResolver resolver = host -> {
            lookups.incrementAndGet();
            return List.of(InetAddress.getLoopbackAddress());
        };
        PhotoFetcher fetcher = new PhotoFetcher(policy(true, PATIENCE, 3), resolver);

        FetchedPhoto photo =
                fetcher.fetch(URI.create("http://photos.loupe.test:" + server.port() + "/photos/tux_b.png"));

        assertThat(photo.bytes()).isEqualTo(TestPhotos.bytes("tux_b.png"));
        assertThat(lookups).hasValue(1);
        assertThat(server.requests())
                .containsExactly(new PhotoServer.Request("/photos/tux_b.png", "photos.loupe.test:" + server.port()));
    }

    @Test
    void loopback_is_refused_before_any_request_unless_allowed() throws FetchException {
        PhotoFetcher refusing = new PhotoFetcher(policy(false, PATIENCE, 3), AddressResolver.system());
        URI byName = URI.create("http://localhost:" + server.port() + "/photos/caltech_chair.jpg");

        for (URI url : List.of(server.url("/photos/caltech_chair.jpg"), byName)) {
            FetchException refused = catchThrowableOfType(FetchException.class, () -> refusing.fetch(url));
            assertThat(refused.reason()).as(url.toString()).isEqualTo(FailureReason.REFUSED_ADDRESS);
            assertThat(refused.getMessage()).contains("a loopback address");
        }
        assertThat(server.requests()).isEmpty();

        PhotoFetcher allowing = new PhotoFetcher(policy(true, PATIENCE, 3), AddressResolver.system());
        assertThat(allowing.fetch(byName).bytes()).isEqualTo(TestPhotos.bytes("caltech_chair.jpg"));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a_server_that_never_answers_times_out_at_the_deadline() {
        assertTimesOut("/slow");
    }

    @Test
    void a_server_that_drips_bytes_times_out_at_the_total_deadline() {
        assertTimesOut("/drip");
    }

    @Test
    void a_missing_photo_fails_with_its_status_and_is_not_retried() {
        FetchException failed = failure("/photos/absent.jpg");

        assertThat(failed.reason()).isEqualTo(FailureReason.HTTP_STATUS);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.getMessage()).isEqualTo("HTTP 404 Not Found from " + server.url("/photos/absent.jpg"));
    }

    @Test
    void server_errors_and_throttling_are_retryable() {
        for (int status : new int[] {500, 503, 429}) {
            FetchException failed = failure("/status/" + status);
            assertThat(failed.reason()).isEqualTo(FailureReason.HTTP_STATUS);
            assertThat(failed.retryable()).as("HTTP %d", status).isTrue();
        }
    }

    @Test
    void a_body_announced_larger_than_the_limit_is_refused_up_front() {
        FetchException refused = failure("/huge-length");

        assertThat(refused.reason()).isEqualTo(FailureReason.TOO_LARGE);
        assertThat(refused.getMessage())
                .isEqualTo("127.0.0.1 announces 10485760 bytes, more than the limit of " + MAX_BYTES + " bytes");
    }

    @Test
    void a_chunked_body_without_length_is_cut_off_at_the_limit() {
        FetchException refused = failure("/huge-chunked");

        assertThat(refused.reason()).isEqualTo(FailureReason.TOO_LARGE);
        assertThat(refused.getMessage()).contains("sent more than the limit of " + MAX_BYTES + " bytes");
    }

    @Test
    void follows_redirects_to_the_photo() throws FetchException {
        FetchedPhoto photo = fetcher(true).fetch(server.url("/redirect?/photos/flickr_dog.jpg"));

        assertThat(photo.bytes()).isEqualTo(TestPhotos.bytes("flickr_dog.jpg"));
        assertThat(photo.location()).isEqualTo(server.url("/photos/flickr_dog.jpg"));
    }

    @Test
    void redirect_loops_are_refused() {
        FetchException refused = failure("/loop-a");

        assertThat(refused.reason()).isEqualTo(FailureReason.TOO_MANY_REDIRECTS);
        assertThat(refused.getMessage()).startsWith("redirect loop: ");
        assertThat(server.requests()).extracting(PhotoServer.Request::path).containsExactly("/loop-a", "/loop-b");
    }

    @Test
    void redirects_beyond_the_limit_are_refused() {
        FetchException refused = failure("/hops/0");

        assertThat(refused.reason()).isEqualTo(FailureReason.TOO_MANY_REDIRECTS);
        assertThat(refused.getMessage()).endsWith("redirects more than 3 times (the limit)");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void a_redirect_to_an_internal_address_is_refused_before_connecting() {
        // the first hop "reaches" a public address: the connector carries it to this server
        RecordingConnector connector = RecordingConnector.to(server);
        AddressResolver resolver = host -> switch (host) {
            case "photos.example" -> List.of(PUBLIC);
            case "internal.example" -> List.of(PhotoFetcherAddressTest.address("10.0.0.8"));
            default -> throw new AssertionError(host);
        };
        PhotoFetcher fetcher = new PhotoFetcher(policy(false, PATIENCE, 3), resolver, connector, defaultTls());

        for (String target : List.of(
                "http://169.254.169.254/latest/meta-data/", "http://internal.example/x.jpg", "http://[::1]/x.jpg")) {
            URI start = URI.create("http://photos.example/redirect?" + target);

            FetchException refused = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(start));

            assertThat(refused.reason()).as(target).isEqualTo(FailureReason.REFUSED_ADDRESS);
        }
        assertThat(connector.attempts())
                .containsOnly(new InetSocketAddress(PUBLIC, 80))
                .hasSize(3);
    }

    @Test
    void a_redirect_to_a_file_url_is_refused() {
        FetchException refused = failure("/redirect?file:///etc/passwd");

        assertThat(refused.reason()).isEqualTo(FailureReason.REFUSED_SCHEME);
        assertThat(refused.getMessage()).contains("redirects may lead only to http or https URLs");
    }

    @Test
    void https_verifies_the_certificate_against_the_url_host_not_the_address() throws Exception {
        SSLContext tls = tls();
        try (PhotoServer secure = PhotoServer.startTls(tls)) {
            AddressResolver loopback = host -> List.of(InetAddress.getLoopbackAddress());
            PhotoFetcher fetcher =
                    new PhotoFetcher(policy(true, PATIENCE, 3), loopback, Connector.DIRECT, tls.getSocketFactory());

            FetchedPhoto photo = fetcher.fetch(
                    URI.create("https://photos.loupe.test:" + secure.port() + "/photos/caltech_watch.jpg"));
            FetchException mismatch = catchThrowableOfType(
                    FetchException.class,
                    () -> fetcher.fetch(
                            URI.create("https://other.loupe.test:" + secure.port() + "/photos/caltech_watch.jpg")));

            assertThat(photo.bytes()).isEqualTo(TestPhotos.bytes("caltech_watch.jpg"));
            assertThat(mismatch.reason()).isEqualTo(FailureReason.NETWORK);
            assertThat(mismatch.getMessage()).startsWith("the TLS connection to other.loupe.test failed");
            assertThat(secure.requests()).hasSize(1);
        }
    }

    private void assertTimesOut(String path) {
        PhotoFetcher fetcher = new PhotoFetcher(policy(true, DEADLINE, 3), AddressResolver.system());
        long start = System.nanoTime();
        FetchException failed = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(server.url(path)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failed.reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.getMessage()).contains("within the fetch deadline of 500 ms");
        // without the deadline the fetch would wait until the server closes, after the test
        assertThat(took).isGreaterThanOrEqualTo(DEADLINE).isLessThan(Duration.ofSeconds(5));
    }

    /** How fetching the path from the test server fails, private addresses allowed. */
    private FetchException failure(String path) {
        FetchException failed =
                catchThrowableOfType(FetchException.class, () -> fetcher(true).fetch(server.url(path)));
        assertThat(failed).as(path).isNotNull();
        return failed;
    }

    private PhotoFetcher fetcher(boolean allowPrivate) {
        return new PhotoFetcher(policy(allowPrivate, PATIENCE, 3), AddressResolver.system());
    }

    private static FetchPolicy policy(boolean allowPrivate, Duration deadline, int redirects) {
        return new FetchPolicy(
                Duration.ofSeconds(5), deadline, MAX_BYTES, redirects, allowPrivate, List.of(), "LoupeTest/1");
    }

    private static SSLSocketFactory defaultTls() {
        return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    /** Serves and trusts the test certificate for photos.loupe.test. */
    private static SSLContext tls() throws IOException, GeneralSecurityException {
        char[] password = "changeit".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in =
                PhotoFetcherHttpTest.class.getClassLoader().getResourceAsStream("tls/photos.loupe.test.p12")) {
            keys.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("photos", keys.getCertificate("photos"));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
