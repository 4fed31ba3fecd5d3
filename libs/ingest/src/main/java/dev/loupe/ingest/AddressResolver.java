package dev.loupe.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves host names for {@link PhotoFetcher}; a seam so that tests can answer any address. */
@FunctionalInterface
public interface AddressResolver {

    /**
     * Every address of {@code host} (a name, never an IP literal: the fetcher parses those itself).
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver ({@link InetAddress#getAllByName}). */
    static AddressResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
