package fr.backoffice.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import fr.backoffice.common.config.BackOfficeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * What a verified token must be besides well signed, for this issuer and audience and not expired (smallrye-jwt checks
 * those); a token failing any of these is refused with 401 like any invalid token (docs/api.md "Calling the API"):
 *
 * <ul>
 * <li><b>Not issued in the future.</b> smallrye-jwt checks {@code exp} (with {@code mp.jwt.verify.clock.skew}, 60 s by
 * default) but takes an {@code iat} in the future as it comes: a token "issued" tomorrow would live until its
 * {@code exp}, whatever the identity provider's lifetime. Refused beyond the same clock skew.</li>
 * <li><b>Naming its caller in {@code sub}.</b> The caller is the token's {@code sub} and nothing else (see
 * {@code package-info.java}): {@code preferred_username} and {@code upn} are display names the identity provider may
 * let users choose, so two people could share one. A token whose {@code sub} is absent, not a string, blank, longer
 * than the 255 characters OpenID Connect allows (and the columns naming callers hold), or holding a control character
 * (which PostgreSQL text or a log line cannot take as it is) names no caller.</li>
 * </ul>
 *
 * <p>The principal it returns answers {@code getName()} with the {@code sub} too (smallrye-jwt's prefers {@code upn},
 * then {@code preferred_username}), so whatever reads the security identity's name (the access log's {@code %u}, the
 * audit trail, the rate limiter) names the same caller as {@link Caller#id()}.
 *
 * <p>A token that passed is kept until its expiry ({@link VerifiedTokens}), so the next request with it is not verified
 * again.
 */
@Alternative
@Priority(1)
@Singleton
public class TokenChecks extends DefaultJWTCallerPrincipalFactory {

    /** OpenID Connect Core 1.0, section 2: "It MUST NOT exceed 255 ASCII characters in length." */
    static final int MAX_SUB_LENGTH = 255;

    /** The parser the default factory uses (private there): it verifies the token, this class reads what it holds. */
    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    /** Null when the cache is switched off (size 0). */
    private final VerifiedTokens verified;

    TokenChecks(BackOfficeConfig config) {
        int size = config.http().tokenCacheSize();
        this.verified = size > 0 ? new VerifiedTokens(size) : null;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal known = verified == null ? null : verified.get(token);
        if (known != null) {
            return known;
        }
        JWTCallerPrincipal principal = verify(token, context);
        if (verified != null) {
            verified.put(token, principal);
        }
        return principal;
    }

    private JWTCallerPrincipal verify(String token, JWTAuthContextInfo context) throws ParseException {
        JwtContext parsed = parser.parse(token, context);
        JwtClaims claims = parsed.getJwtClaims();
        String sub = usableSub(claims.getClaimValue(Claims.sub.name()));
        if (sub == null) {
            throw new ParseException("The token names no usable caller in sub");
        }
        String type = parsed.getJoseObjects().get(0).getHeader("typ");
        JWTCallerPrincipal principal = new SubjectPrincipal(type, claims);
        long now = System.currentTimeMillis() / 1000;
        if (principal.getIssuedAtTime() > now + context.getClockSkew()) {
            throw new ParseException("The token's iat is in the future beyond the allowed clock skew");
        }
        return principal;
    }

    /** The {@code sub} claim when it can name a caller; null otherwise. */
    static String usableSub(Object claim) {
        if (!(claim instanceof String sub) || sub.isBlank() || sub.length() > MAX_SUB_LENGTH) {
            return null;
        }
        return sub.chars().anyMatch(Character::isISOControl) ? null : sub;
    }

    /** smallrye-jwt's principal, named by its {@code sub}. */
    private static final class SubjectPrincipal extends DefaultJWTCallerPrincipal {

        SubjectPrincipal(String type, JwtClaims claims) {
            super(type, claims);
        }

        @Override
        public String getName() {
            return getSubject();
        }
    }
}
