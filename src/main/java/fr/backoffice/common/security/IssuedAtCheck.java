package fr.backoffice.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * smallrye-jwt checks {@code exp} (with {@code mp.jwt.verify.clock.skew}, 60 s by default) but takes an {@code iat}
 * in the future as it comes: a token "issued" tomorrow would live until its {@code exp}, whatever the identity
 * provider's lifetime. Such a token is refused (401 like any invalid token) beyond the same clock skew.
 */
@Alternative
@Priority(1)
@Singleton
public class IssuedAtCheck extends DefaultJWTCallerPrincipalFactory {

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal principal = super.parse(token, context);
        long now = System.currentTimeMillis() / 1000;
        if (principal.getIssuedAtTime() > now + context.getClockSkew()) {
            throw new ParseException("The token's iat is in the future beyond the allowed clock skew");
        }
        return principal;
    }
}
