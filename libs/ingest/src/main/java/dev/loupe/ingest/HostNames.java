package dev.loupe.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Tells IP literals from names in URL hosts, so that literals never reach a resolver. */
final class HostNames {

    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNames() {}

    /** The host without the brackets an IPv6 literal carries in a URL. */
    static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static boolean isIpv6Literal(String host) {
        return host.indexOf(':') >= 0;
    }

    static boolean isIpLiteral(String host) {
        return isIpv6Literal(host) || DOTTED_QUAD.matcher(host).matches();
    }

    /** The address an IP literal denotes (parsed, no lookup), or empty for a name. */
    static Optional<InetAddress> literal(String host) throws UnknownHostException {
        if (DOTTED_QUAD.matcher(host).matches()) {
            String[] parts = host.split("\\.");
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw new UnknownHostException(host + " is not a valid IPv4 address");
                }
                address[i] = (byte) octet;
            }
            return Optional.of(InetAddress.getByAddress(address));
        }
        // an IPv6 literal was validated by URI's parser; getByName only parses it
        return isIpv6Literal(host) ? Optional.of(InetAddress.getByName(host)) : Optional.empty();
    }
}
