package fr.backoffice.support;

import fr.backoffice.common.security.Roles;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.config.ConfigProvider;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens as the identity provider would issue them. In the test profile Quarkus generates the
 * signing key pair, so these are verified exactly like production tokens.
 */
public final class Tokens {

    private static final Duration REUSE = Duration.ofMinutes(1);
    private static final Map<String, Signed> SIGNED = new ConcurrentHashMap<>();

    private record Signed(String token, Instant at) {
    }

    private Tokens() {
    }

    /**
     * Signed once a minute per caller, unit and roles, well within the tokens' five minutes, and again for each start
     * of the application (its configuration, and so its signing key, may be new): an RS256 signature per request was
     * a fiftieth of the suite's test-side CPU (docs/testing.md "Where the time goes").
     */
    public static String token(String sub, String unit, String... roles) {
        String key = System.identityHashCode(ConfigProvider.getConfig()) + "|" + sub + "|" + unit + "|"
                + String.join(",", new TreeSet<>(List.of(roles)));
        Signed signed = SIGNED.get(key);
        if (signed == null || signed.at().isBefore(Instant.now().minus(REUSE))) {
            signed = new Signed(withUnitClaim(sub, unit, roles), Instant.now());
            SIGNED.put(key, signed);
        }
        return signed.token();
    }

    /** A token whose {@code unit} claim is any JSON value (a list, a number, an empty string), or absent when null. */
    public static String withUnitClaim(String sub, Object unit, String... roles) {
        var builder = Jwt.subject(sub).groups(Set.of(roles));
        if (unit != null) {
            builder.claim("unit", unit);
        }
        return builder.sign();
    }

    /**
     * A token whose {@code preferred_username} and {@code upn} name someone ({@code name}) other than its {@code sub}:
     * the identity provider's display names are not who the caller is (docs/security.md "Security rules").
     */
    public static String named(String sub, String name, String unit, String... roles) {
        var builder = Jwt.subject(sub).preferredUserName(name).upn(name).groups(Set.of(roles));
        if (unit != null) {
            builder.claim("unit", unit);
        }
        return builder.sign();
    }

    public static String admin() {
        return token("admin-1", null, Roles.ADMIN);
    }

    public static String frontOffice() {
        return token("front-app-1", null, Roles.FRONT_OFFICE);
    }

    public static String auditor() {
        return token("auditor-1", null, Roles.AUDITOR);
    }

    public static String agent(String unit) {
        return token("agent-" + unit, unit, Roles.AGENT);
    }

    public static String supervisor(String unit) {
        return token("supervisor-" + unit, unit, Roles.SUPERVISOR);
    }

    /** The bank's clearing desk (docs/security.md "Security rules"): one person of it, named {@code sub}. */
    public static String clearing(String sub) {
        return token(sub, null, Roles.CLEARING);
    }

    public static String expired() {
        return Jwt.subject("late-1").groups(Set.of(Roles.ADMIN))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String wronglySigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair stranger = generator.generateKeyPair();
            return Jwt.subject("intruder").groups(Set.of(Roles.ADMIN)).sign(stranger.getPrivate());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
