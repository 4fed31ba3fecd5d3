package dev.loupe.ingest;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches photo bytes from http, https and file URLs within a {@link FetchPolicy}. Every hop's host is
 * resolved once, every resolved address is checked, and the connection goes to a checked address
 * (never to the name again), so a DNS answer that changes between check and connection (DNS
 * rebinding) cannot lead to an internal address. Redirects are followed here, each hop checked, up to
 * the limit. Thread-safe.
 */
public final class PhotoFetcher {

    private final FetchPolicy policy;
    private final AddressResolver resolver;
    private final HttpTransport http;
    private final LocalFiles files;

    public PhotoFetcher(FetchPolicy policy, AddressResolver resolver) {
        this(policy, resolver, Connector.DIRECT, defaultTls());
    }

    /**
     * A fetcher that opens its connections through {@code connector} (every address it is handed has
     * passed the guard): for tests that prove the guard on the address decision without a network.
     */
    public PhotoFetcher(FetchPolicy policy, AddressResolver resolver, Connector connector) {
        this(policy, resolver, connector, defaultTls());
    }

    /** For tests: a connector that records or redirects connections, and a TLS trust of their own. */
    PhotoFetcher(FetchPolicy policy, AddressResolver resolver, Connector connector, SSLSocketFactory tls) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.http = new HttpTransport(policy, connector, tls);
        this.files = new LocalFiles(policy.fileRoots(), policy.maxBytes());
    }

    public FetchPolicy policy() {
        return policy;
    }

    /**
     * Fetches the whole photo.
     *
     * @param location an absolute http, https or file URI
     * @return the bytes, at most {@link FetchPolicy#maxBytes()}
     * @throws FetchException REFUSED_SCHEME, REFUSED_ADDRESS, REFUSED_PATH, TOO_LARGE, TIMEOUT,
     *     HTTP_STATUS, TOO_MANY_REDIRECTS or NETWORK, with a message naming the host and the limit
     */
    public FetchedPhoto fetch(URI location) throws FetchException {
        Objects.requireNonNull(location, "location");
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> fetchHttp(location);
            case "file" -> files.read(location);
            default ->
                throw new FetchException(
                        FailureReason.REFUSED_SCHEME,
                        "only http, https and file URLs can be fetched, not '" + Locations.abbreviate(location) + "'");
        };
    }

    private FetchedPhoto fetchHttp(URI first) throws FetchException {
        Deadline deadline = Deadline.after(policy.readTimeout());
        Set<URI> visited = new HashSet<>();
        URI current = first;
        for (int redirects = 0; ; redirects++) {
            if (current.getHost() == null) {
                throw new FetchException(
                        FailureReason.REFUSED_SCHEME, "'" + Locations.abbreviate(current) + "' has no host name");
            }
            visited.add(current);
            List<InetAddress> addresses = checkedAddresses(HostNames.unbracketed(current.getHost()));
            HttpTransport.Response response = http.get(current, addresses, deadline, true);
            int status = response.status();
            if (isRedirect(status)) {
                URI next = redirectTarget(current, response);
                if (visited.contains(next)) {
                    throw new FetchException(
                            FailureReason.TOO_MANY_REDIRECTS,
                            "redirect loop: " + Locations.abbreviate(current) + " redirects back to "
                                    + Locations.abbreviate(next));
                }
                if (redirects >= policy.maxRedirects()) {
                    throw new FetchException(
                            FailureReason.TOO_MANY_REDIRECTS,
                            Locations.abbreviate(first) + " redirects more than " + policy.maxRedirects()
                                    + " times (the limit)");
                }
                current = next;
                continue;
            }
            if (status < 200 || status > 299) {
                throw FetchException.httpStatus(
                        status,
                        "HTTP " + status + " " + response.reasonPhrase() + " from " + Locations.abbreviate(current));
            }
            return new FetchedPhoto(
                    current, response.body(), response.header("content-type").orElse(null));
        }
    }

    /** Resolves the host (IP literals are parsed, not looked up) and refuses it if any address is internal. */
    private List<InetAddress> checkedAddresses(String host) throws FetchException {
        List<InetAddress> addresses;
        try {
            Optional<InetAddress> literal = HostNames.literal(host);
            addresses = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchException(FailureReason.NETWORK, "unknown host " + host, e);
        } catch (RuntimeException e) {
            throw new FetchException(FailureReason.NETWORK, "cannot resolve " + host + ": " + e.getMessage(), e);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new FetchException(FailureReason.NETWORK, host + " resolves to no address");
        }
        if (!policy.allowPrivateAddresses()) {
            // every address, not just the first: the connection may fall back to any of them
            for (InetAddress address : addresses) {
                Optional<String> refusal = AddressRules.refusal(address);
                if (refusal.isPresent()) {
                    throw new FetchException(
                            FailureReason.REFUSED_ADDRESS,
                            host + " resolves to " + address.getHostAddress() + ", " + refusal.get()
                                    + "; photos are not fetched from internal addresses unless private addresses"
                                    + " are allowed");
                }
            }
        }
        return addresses;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI current, HttpTransport.Response response) throws FetchException {
        String location = response.header("location").orElse("");
        if (location.isBlank()) {
            throw FetchException.httpStatus(
                    response.status(),
                    "HTTP " + response.status() + " from " + Locations.abbreviate(current) + " without a Location");
        }
        URI next;
        try {
            // resolving against an empty path drops the slash ("http://h" + "x" = "http://hx")
            URI base = current.getRawPath() == null || current.getRawPath().isEmpty() ? current.resolve("/") : current;
            next = base.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw FetchException.httpStatus(
                    response.status(),
                    Locations.abbreviate(current) + " redirects to an invalid URL: '" + Locations.abbreviate(location)
                            + "'");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(
                    FailureReason.REFUSED_SCHEME,
                    Locations.abbreviate(current) + " redirects to '" + Locations.abbreviate(next)
                            + "'; redirects may lead only to http or https URLs");
        }
        return next;
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
