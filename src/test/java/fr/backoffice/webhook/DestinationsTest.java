package fr.backoffice.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address guard on IPv6 literals that carry an IPv4 address (docs/webhooks.md "Webhooks", security): a translator
 * or relay on the path turns them into that IPv4 address, so they are judged by it. Literals only: nothing is resolved
 * or sent.
 */
class DestinationsTest {

    private static boolean isPublic(String literal) throws Exception {
        return Destinations.isPublic(InetAddress.getByName(literal));
    }

    @Test
    void nat64_addresses_of_the_well_known_prefix_are_judged_by_the_ipv4_address_inside() throws Exception {
        // 64:ff9b::/96 (RFC 6052): the last 32 bits are the IPv4 address the translator calls
        for (String literal : List.of("64:ff9b::7f00:1", "64:ff9b::127.0.0.1", "64:ff9b::a00:7", "64:ff9b::c0a8:114",
                "64:ff9b::ac10:1", "64:ff9b::a9fe:a9fe", "64:ff9b::169.254.169.254", "64:ff9b::6440:1", "64:ff9b::0:0",
                "64:ff9b::e000:1", "64:ff9b::ffff:ffff")) {
            assertThat(isPublic(literal)).as(literal).isFalse();
        }
        assertThat(isPublic("64:ff9b::808:808")).as("8.8.8.8 through NAT64").isTrue();
        assertThat(isPublic("64:ff9b::5db8:d822")).as("93.184.216.34 through NAT64").isTrue();
    }

    @Test
    void the_local_use_nat64_prefix_is_never_public() throws Exception {
        // 64:ff9b:1::/48 (RFC 8215) is for a network's own translators: not globally reachable, whatever it embeds
        for (String literal : List.of("64:ff9b:1::7f00:1", "64:ff9b:1::a00:7", "64:ff9b:1:a00:7::", "64:ff9b:1::808:808",
                "64:ff9b:1:ffff:ffff:ffff:ffff:ffff")) {
            assertThat(isPublic(literal)).as(literal).isFalse();
        }
    }

    @Test
    void six_to_four_addresses_are_judged_by_the_ipv4_address_of_their_prefix() throws Exception {
        // 2002:AABB:CCDD::/48 is the 6to4 site of the IPv4 address AA.BB.CC.DD
        for (String literal : List.of("2002:7f00:1::1", "2002:a00:7::", "2002:c0a8:101:1::1", "2002:a9fe:a9fe::1",
                "2002:ac1f:ffff::", "2002::1", "2002:6440:1::1")) {
            assertThat(isPublic(literal)).as(literal).isFalse();
        }
        assertThat(isPublic("2002:808:808::1")).as("the 6to4 site of 8.8.8.8").isTrue();
    }

    @Test
    void teredo_addresses_are_judged_by_their_server_and_by_their_obfuscated_client() throws Exception {
        // 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC: the server's IPv4 address in clear, the client's with every bit flipped
        assertThat(isPublic("2001:0:4136:e378:8000:63bf:f7f7:f7f7")).as("server 65.54.227.120, client 8.8.8.8").isTrue();
        for (String literal : List.of(
                "2001:0:4136:e378:8000:63bf:80ff:fffe", // client 127.0.0.1
                "2001:0:4136:e378:8000:63bf:f5ff:fff8", // client 10.0.0.7
                "2001:0:4136:e378:8000:63bf:5601:5601", // client 169.254.169.254
                "2001:0:a00:1:8000:63bf:f7f7:f7f7", // server 10.0.0.1
                "2001:0:7f00:1::f7f7:f7f7", // server 127.0.0.1
                "2001:0:4136:e378::")) { // client 255.255.255.255
            assertThat(isPublic(literal)).as(literal).isFalse();
        }
    }

    @Test
    void ipv4_mapped_and_compatible_addresses_are_judged_by_the_ipv4_address_inside() throws Exception {
        for (String literal : List.of("::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "::ffff:10.0.0.1",
                "::127.0.0.1", "::7f00:1", "::10.0.0.1", "::169.254.169.254", "::0.0.0.2", "0:0:0:0:0:ffff:c0a8:101")) {
            assertThat(isPublic(literal)).as(literal).isFalse();
        }
        assertThat(isPublic("::ffff:8.8.8.8")).isTrue();
    }

    @Test
    void documentation_benchmarking_and_other_special_purpose_ranges_are_not_public() throws Exception {
        for (String literal : List.of("192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1", "192.0.0.8",
                "2001:db8::1", "3fff::1", "2001:2::1", "2001:10::1", "100::1", "5f00::1", "fec0::1")) {
            assertThat(isPublic(literal)).as(literal).isFalse();
        }
        assertThat(isPublic("2001:4860:4860::8888")).as("a global unicast address next to the special ones").isTrue();
        assertThat(isPublic("2a00:1450:4007:80b::200e")).isTrue();
    }

    @Test
    void a_url_naming_such_a_literal_is_refused_when_given() {
        for (String url : List.of("https://[64:ff9b::7f00:1]/hook", "https://[64:ff9b::a9fe:a9fe]/latest/meta-data",
                "https://[64:ff9b:1::a00:7]/hook", "https://[2002:a00:7::1]/hook", "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook",
                "https://[::ffff:a9fe:a9fe]/hook", "https://[::127.0.0.1]/hook")) {
            assertThat(Destinations.refusal(url, false)).as(url).isPresent();
        }
        assertThat(Destinations.refusal("https://[64:ff9b::808:808]/hook", false)).isEmpty();
        assertThat(Destinations.refusal("https://[2001:4860:4860::8888]/hook", false)).isEmpty();
    }
}
