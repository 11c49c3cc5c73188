package fr.backoffice.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Signatures and destinations in plain Java (docs/webhooks.md "Webhooks"). */
class SignaturesTest {

    @Test
    void signatures_match_the_standard_webhooks_reference_example() {
        // the example of the Standard Webhooks specification's reference libraries
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(Signatures.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_secret_is_whsec_and_24_random_bytes_and_the_header_lists_one_signature_per_secret() {
        String secret = Signatures.newSecret();
        assertThat(secret).matches("^whsec_[A-Za-z0-9+/]{32}$");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
        assertThat(Signatures.newSecret()).isNotEqualTo(secret);
        String other = Signatures.newSecret();
        String header = Signatures.header(List.of(secret, other), "id", 1, "{}");
        assertThat(header.split(" ")).containsExactly(Signatures.sign(secret, "id", 1, "{}"), Signatures.sign(other, "id", 1, "{}"));
        assertThat(Verifier.verify(other, "id", Long.toString(System.currentTimeMillis() / 1000),
                Signatures.header(List.of(secret, other), "id", System.currentTimeMillis() / 1000, "{}"), "{}")).isTrue();
    }

    @Test
    void only_public_addresses_are_public() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::1",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1", "198.18.0.1")) {
            assertThat(Destinations.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("8.8.8.8", "93.184.216.34", "2606:4700::1111", "100.128.0.1")) {
            assertThat(Destinations.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void urls_are_https_to_a_host_unless_private_networks_are_allowed() {
        assertThat(Destinations.refusal("https://front.bank.example/hook", false)).isEmpty();
        assertThat(Destinations.refusal("http://front.bank.example/hook", false)).contains("must be an https url");
        assertThat(Destinations.refusal("http://front.bank.example/hook", true)).isEmpty();
        assertThat(Destinations.refusal("https://127.0.0.1/hook", false)).isPresent();
        assertThat(Destinations.refusal("https://[::1]/hook", false)).isPresent();
        assertThat(Destinations.refusal("https://169.254.169.254/latest/meta-data", false)).isPresent();
        assertThat(Destinations.refusal("http://127.0.0.1:8080/hook", true)).isEmpty();
        for (String url : List.of("front.bank.example/hook", "ftp://front.bank.example", "https:///hook",
                "https://u:p@front.bank.example/", "https://front.bank.example/#x", "not a url")) {
            assertThat(Destinations.refusal(url, true)).as(url).isPresent();
        }
    }
}
