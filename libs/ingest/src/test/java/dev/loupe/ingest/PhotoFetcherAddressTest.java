package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address decision, proven with a resolver stub that answers internal addresses and a connector
 * that records instead of connecting: nothing here opens a connection.
 */
class PhotoFetcherAddressTest {

    private static final URI PHOTO = URI.create("http://photos.example/cat.jpg");

    private final RecordingConnector connector = RecordingConnector.refusing();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1        | a loopback address",
                "127.8.9.10       | a loopback address",
                "10.1.2.3         | a private address",
                "172.16.0.1       | a private address",
                "172.31.255.254   | a private address",
                "192.168.1.20     | a private address",
                "169.254.169.254  | the cloud metadata endpoint",
                "169.254.3.4      | a link-local address",
                "100.64.0.1       | a carrier-grade NAT address",
                "100.127.255.254  | a carrier-grade NAT address",
                "0.0.0.0          | an unspecified address",
                "224.0.0.251      | a multicast address",
                "255.255.255.255  | a reserved or broadcast address",
                "::1              | a loopback address",
                "::               | the unspecified address",
                "fe80::1          | a link-local address",
                "fc00::1          | a unique-local address",
                "fd12:3456::7     | a unique-local address",
                "fd00:ec2::254    | the cloud metadata endpoint",
                "ff02::1          | a multicast address",
                "::ffff:127.0.0.1 | an IPv4-mapped IPv6 address",
                "::ffff:8.8.8.8   | an IPv4-mapped IPv6 address",
                "::7f00:1         | an IPv4-compatible IPv6 address",
                "64:ff9b::a00:1   | a NAT64 address (64:ff9b::/96) embedding a private address",
                "2002:a9fe:a9fe:: | a 6to4 address (2002::/16) embedding the cloud metadata endpoint",
            })
    void rejects_private_addresses_unless_allowed(String address, String kind) {
        InetAddress internal = address(address);
        PhotoFetcher fetcher = fetcher(false, host -> List.of(internal));

        FetchException refused = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(PHOTO));

        assertThat(refused.reason()).isEqualTo(FailureReason.REFUSED_ADDRESS);
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage())
                .startsWith("photos.example resolves to " + internal.getHostAddress() + ", " + kind);
        assertThat(connector.attempts()).as("no connection is attempted").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "169.254.169.254", "fd00:ec2::254", "::ffff:127.0.0.1"})
    void connects_to_private_addresses_when_allowed(String address) {
        InetAddress internal = address(address);
        PhotoFetcher fetcher = fetcher(true, host -> List.of(internal));

        FetchException failed = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(PHOTO));

        assertThat(failed.reason()).isEqualTo(FailureReason.NETWORK); // the test connector refuses
        assertThat(connector.attempts()).containsExactly(new InetSocketAddress(internal, 80));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "169.253.0.1",
                "2606:4700::1111",
                "64:ff9b::808:808"
            })
    void connects_to_public_addresses(String address) {
        InetAddress external = address(address);
        PhotoFetcher fetcher = fetcher(false, host -> List.of(external));

        FetchException failed = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(PHOTO));

        assertThat(failed.reason()).isEqualTo(FailureReason.NETWORK);
        assertThat(failed.getMessage()).contains("could not connect to photos.example port 80");
        assertThat(connector.attempts()).containsExactly(new InetSocketAddress(external, 80));
    }

    @Test
    void one_internal_address_among_public_ones_refuses_the_host() {
        InetAddress external = address("93.184.216.34");
        InetAddress internal = address("10.0.0.7");
        PhotoFetcher fetcher = fetcher(false, host -> List.of(external, internal));

        FetchException refused = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(PHOTO));

        assertThat(refused.reason()).isEqualTo(FailureReason.REFUSED_ADDRESS);
        assertThat(refused.getMessage()).contains("10.0.0.7");
        assertThat(connector.attempts()).isEmpty();
    }

    @Test
    void connects_to_the_address_it_checked_without_resolving_again() {
        // a rebinding resolver: public on the first answer, loopback afterwards
        AtomicInteger lookups = new AtomicInteger();
        AddressResolver rebinding =
                host -> List.of(lookups.getAndIncrement() == 0 ? address("93.184.216.34") : address("127.0.0.1"));
        PhotoFetcher fetcher = fetcher(false, rebinding);

        catchThrowableOfType(FetchException.class, () -> fetcher.fetch(PHOTO));

        assertThat(lookups).hasValue(1);
        assertThat(connector.attempts()).containsExactly(new InetSocketAddress(address("93.184.216.34"), 80));
    }

    @Test
    void ip_literals_are_checked_without_a_lookup() {
        PhotoFetcher fetcher = fetcher(false, host -> {
            throw new AssertionError("resolver asked for " + host);
        });

        for (String url : List.of("http://127.0.0.1/x.jpg", "http://[::1]/x.jpg", "http://[::ffff:a9fe:a9fe]/x.jpg")) {
            FetchException refused = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(URI.create(url)));
            assertThat(refused.reason()).as(url).isEqualTo(FailureReason.REFUSED_ADDRESS);
        }
        assertThat(connector.attempts()).isEmpty();
    }

    @Test
    void unknown_hosts_fail_as_retryable_network_errors() {
        PhotoFetcher fetcher = fetcher(false, host -> {
            throw new UnknownHostException(host);
        });

        FetchException failed = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(PHOTO));

        assertThat(failed.reason()).isEqualTo(FailureReason.NETWORK);
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.getMessage()).isEqualTo("unknown host photos.example");
    }

    @Test
    void other_schemes_are_refused() {
        PhotoFetcher fetcher = fetcher(true, host -> List.of());

        for (String url : List.of("ftp://photos.example/a.jpg", "gopher://x/", "jar:file:/a.jar!/b.jpg", "a.jpg")) {
            FetchException refused = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(URI.create(url)));
            assertThat(refused.reason()).as(url).isEqualTo(FailureReason.REFUSED_SCHEME);
        }
    }

    private PhotoFetcher fetcher(boolean allowPrivate, AddressResolver resolver) {
        FetchPolicy policy = new FetchPolicy(
                Duration.ofSeconds(1), Duration.ofSeconds(2), 1024 * 1024, 3, allowPrivate, List.of(), "LoupeTest");
        return new PhotoFetcher(policy, resolver, connector, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** Parses an IP literal; IPv4-mapped IPv6 stays IPv6, as a resolver may return it. */
    static InetAddress address(String literal) {
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            if (literal.contains(":") && parsed instanceof Inet4Address v4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(v4.getAddress(), 0, mapped, 12, 4);
                return Inet6Address.getByAddress(null, mapped, -1);
            }
            return parsed;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
