package fr.backoffice.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a delivery may go (docs/webhooks.md "Webhooks", security). Without
 * {@code backoffice.webhooks.allow-private-networks}: {@code https} only, and no address that is not public: loopback,
 * private (RFC 1918, unique local, carrier-grade NAT), link-local (cloud metadata services live at 169.254.169.254),
 * unspecified, multicast, broadcast, reserved, documentation; IPv6 addresses that carry an IPv4 address are judged by
 * it ({@link #isPublic}). The url is checked when it is given; the addresses its host resolves to are checked again
 * before every attempt, so a name that later resolves to a private address is refused then.
 */
public final class Destinations {

    public static final int MAX_URL_LENGTH = 2048;

    private Destinations() {
    }

    /** Why the url cannot be an endpoint's, or empty when it can. */
    public static Optional<String> refusal(String url, boolean allowPrivateNetworks) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            return Optional.of("must be an absolute http(s) url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute http(s) url with a host");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("must not carry credentials nor a fragment");
        }
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must be an https url");
        }
        String host = uri.getHost();
        if (isIpLiteral(host)) {
            try {
                InetAddress address = InetAddress.getByName(stripBrackets(host));
                if (!isPublic(address)) {
                    return Optional.of("must not name a loopback, private, link-local or reserved address");
                }
            } catch (UnknownHostException impossible) {
                return Optional.of("must name a valid host");
            }
        }
        return Optional.empty();
    }

    /** Why none of these resolved addresses may be called, or empty when all may. */
    public static Optional<String> addressRefusal(List<InetAddress> addresses, boolean allowPrivateNetworks) {
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("refused: the host resolves to " + address.getHostAddress()
                        + ", which is not a public address");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a delivery may go to this address. IPv4: not loopback, private, link-local, carrier-grade NAT, "this
     * network", IETF protocol assignments, documentation, benchmarking, the 6to4 relay anycast, multicast, reserved
     * or broadcast. IPv6: global unicast ({@code 2000::/3}) only, without its documentation and IETF ranges; an IPv6
     * address that carries an IPv4 address (IPv4-mapped and -compatible, NAT64 {@code 64:ff9b::/96}, 6to4
     * {@code 2002::/16}, Teredo {@code 2001::/32}) reaches that IPv4 address through a translator or a relay on the
     * path, so it is judged by the IPv4 address inside (both of Teredo's: the server's, and the client's, which is
     * stored with every bit flipped). The local-use NAT64 prefix {@code 64:ff9b:1::/48} is never public (RFC 8215):
     * where its IPv4 address sits depends on the network's own translator.
     */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(b, 0);
        }
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return false;
        }
        int first16 = word(b, 0);
        int second16 = word(b, 2);
        if (allZero(b, 0, 10) && (word(b, 10) == 0 || word(b, 10) == 0xffff)) {
            // ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped); also :: and ::1, which are not public
            return isPublicIpv4(b, 12);
        }
        if (first16 == 0x64 && second16 == 0xff9b) {
            if (allZero(b, 4, 8)) {
                return isPublicIpv4(b, 12); // NAT64, well-known prefix 64:ff9b::/96
            }
            return false; // 64:ff9b:1::/48, local use; and the rest of 64:ff9b::/32, unassigned
        }
        if ((first16 & 0xe000) != 0x2000) {
            return false; // outside global unicast: ULA, link- and site-local, multicast, discard, SRv6 SIDs...
        }
        if (first16 == 0x2002) {
            return isPublicIpv4(b, 2); // 6to4: 2002:AABB:CCDD::/48 is the site of AA.BB.CC.DD
        }
        if (first16 == 0x2001 && second16 == 0) {
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            return isPublicIpv4(b, 4) && isPublicIpv4(client, 0); // Teredo: server, then the obfuscated client
        }
        if (first16 == 0x2001 && (second16 < 0x200 || second16 == 0xdb8)) {
            return false; // 2001::/23 IETF protocol assignments (benchmarking, ORCHID...), 2001:db8::/32 documentation
        }
        return !(first16 == 0x3fff && (second16 & 0xf000) == 0); // 3fff::/20, documentation
    }

    /** The IPv4 address at {@code b[at..at+3]}: public unless in a range that is not globally reachable. */
    private static boolean isPublicIpv4(byte[] b, int at) {
        int first = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        int third = b[at + 2] & 0xff;
        return !(first == 0 // "this network"
                || first == 10 // private
                || first == 100 && second >= 64 && second <= 127 // carrier-grade NAT
                || first == 127 // loopback
                || first == 169 && second == 254 // link-local, cloud metadata services
                || first == 172 && second >= 16 && second <= 31 // private
                || first == 192 && second == 0 && (third == 0 || third == 2) // IETF protocol assignments, TEST-NET-1
                || first == 192 && second == 88 && third == 99 // 6to4 relay anycast
                || first == 192 && second == 168 // private
                || first == 198 && (second == 18 || second == 19) // benchmarking
                || first == 198 && second == 51 && third == 100 // TEST-NET-2
                || first == 203 && second == 0 && third == 113 // TEST-NET-3
                || first >= 224); // multicast, reserved and broadcast
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
