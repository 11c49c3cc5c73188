package fr.backoffice.common.security;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * A production start without token verification configured would serve the API to anyone who can
 * forge a token: refuse to start instead, and say which variables are missing.
 */
@UnlessBuildProfile(anyOf = {"dev", "test"})
public class JwtVerificationGuard {

    private static final Logger LOG = Logger.getLogger(JwtVerificationGuard.class);

    void onStart(@Observes StartupEvent start) {
        List<String> missing = new java.util.ArrayList<>();
        if (value("mp.jwt.verify.publickey").isEmpty() && value("mp.jwt.verify.publickey.location").isEmpty()) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (or MP_JWT_VERIFY_PUBLICKEY)");
        }
        if (value("mp.jwt.verify.issuer").isEmpty()) {
            missing.add("MP_JWT_VERIFY_ISSUER");
        }
        if (!missing.isEmpty()) {
            String message = "JWT verification is not configured; refusing to start an open API. Set "
                    + String.join(" and ", missing) + ".";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    private static Optional<String> value(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }
}
