package dev.loupe.ingest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides which addresses a fetch may connect to when private addresses are not allowed: only
 * globally routable unicast ones. Addresses that embed an IPv4 address (NAT64, 6to4) are judged by
 * the embedded one; IPv4-mapped and IPv4-compatible IPv6 addresses are refused outright, since a
 * resolver has no business returning them.
 */
final class AddressRules {

    private static final byte[] AWS_METADATA_V6 = {
        (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
    }; // fd00:ec2::254, the EC2 instance metadata service over IPv6

    private AddressRules() {}

    /** Why the address is refused (for a person), or empty when it is a public unicast address. */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet6Address ? ipv6(bytes) : ipv4(bytes);
    }

    private static Optional<String> ipv4(byte[] a) {
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        int b2 = a[2] & 0xFF;
        int b3 = a[3] & 0xFF;
        if (b0 == 0) {
            return Optional.of("an unspecified address (0.0.0.0/8)");
        }
        if (b0 == 127) {
            return Optional.of("a loopback address");
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xF0) == 16) || (b0 == 192 && b1 == 168)) {
            return Optional.of("a private address (RFC 1918)");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of(
                    b2 == 169 && b3 == 254 ? "the cloud metadata endpoint" : "a link-local address (169.254.0.0/16)");
        }
        if (b0 == 100 && (b1 & 0xC0) == 64) {
            return Optional.of("a carrier-grade NAT address (100.64.0.0/10)");
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return Optional.of("an IETF protocol address (192.0.0.0/24)");
        }
        if (b0 == 198 && (b1 & 0xFE) == 18) {
            return Optional.of("a benchmarking address (198.18.0.0/15)");
        }
        if ((b0 & 0xF0) == 224) {
            return Optional.of("a multicast address");
        }
        if ((b0 & 0xF0) == 240) {
            return Optional.of("a reserved or broadcast address (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] a) {
        if (Arrays.equals(a, AWS_METADATA_V6)) {
            return Optional.of("the cloud metadata endpoint");
        }
        if (allZero(a, 0, 10) && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF) {
            return Optional.of("an IPv4-mapped IPv6 address");
        }
        if (allZero(a, 0, 12)) {
            if (allZero(a, 12, 15)) {
                if (a[15] == 0) {
                    return Optional.of("the unspecified address (::)");
                }
                if (a[15] == 1) {
                    return Optional.of("a loopback address");
                }
            }
            return Optional.of("an IPv4-compatible IPv6 address (::/96)");
        }
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        if (b0 == 0x00 && b1 == 0x64 && a[2] == (byte) 0xFF && a[3] == (byte) 0x9B && allZero(a, 4, 12)) {
            return embedded("a NAT64 address (64:ff9b::/96)", Arrays.copyOfRange(a, 12, 16));
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return embedded("a 6to4 address (2002::/16)", Arrays.copyOfRange(a, 2, 6));
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0x80) {
            return Optional.of("a link-local address (fe80::/10)");
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0xC0) {
            return Optional.of("a site-local address (fec0::/10)");
        }
        if ((b0 & 0xFE) == 0xFC) {
            return Optional.of("a unique-local address (fc00::/7)");
        }
        if (b0 == 0xFF) {
            return Optional.of("a multicast address");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(String kind, byte[] ipv4) {
        return ipv4(ipv4).map(inner -> kind + " embedding " + inner);
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
