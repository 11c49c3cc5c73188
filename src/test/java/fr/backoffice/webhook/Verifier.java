package fr.backoffice.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * A Standard Webhooks verifier written from the specification (standardwebhooks.com), independent of the service's
 * code, as a receiver would write it: the signed content is {@code id.timestamp.body}, the key the base64 part of the
 * secret after {@code whsec_}, the header a space-separated list of {@code v1,<base64>} of which one must match (in
 * constant time), and the timestamp within 5 minutes of now.
 */
final class Verifier {

    private static final long TOLERANCE_SECONDS = 300;

    private Verifier() {
    }

    static boolean verify(String secret, String id, String timestamp, String signatureHeader, String body) {
        try {
            long sent = Long.parseLong(timestamp);
            if (Math.abs(Instant.now().getEpochSecond() - sent) > TOLERANCE_SECONDS) {
                return false;
            }
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String versioned : signatureHeader.split(" ")) {
                String[] parts = versioned.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (Exception malformed) {
            return false;
        }
    }

    static boolean verify(String secret, Receiver.Received request) {
        return verify(secret, request.header("webhook-id"), request.header("webhook-timestamp"),
                request.header("webhook-signature"), request.body());
    }
}
