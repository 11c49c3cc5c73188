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
 * Where a delivery may go (README "Webhooks", security). Without {@code backoffice.webhooks.allow-private-networks}:
 * {@code https} only, and no address that is not public: loopback, private (RFC 1918, unique local, carrier-grade
 * NAT), link-local (cloud metadata services live at 169.254.169.254), unspecified, multicast, broadcast, reserved.
 * The url is checked when it is given; the addresses its host resolves to are checked again before every attempt, so
 * a name that later resolves to a private address is refused then.
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

    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 // "this network"
                    || first == 100 && second >= 64 && second <= 127 // carrier-grade NAT
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19) // benchmarking
                    || first >= 240); // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7 (fd00:ec2::254 is a metadata service)
                return false;
            }
            boolean v4Embedded = true; // ::ffff:a.b.c.d and ::a.b.c.d name an IPv4 address: judge that one
            for (int i = 0; i < 10; i++) {
                v4Embedded &= b[i] == 0;
            }
            if (v4Embedded && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return false;
                }
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
