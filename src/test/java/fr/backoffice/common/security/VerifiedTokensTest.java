package fr.backoffice.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache of verified tokens answers what verification would: a token it kept, until its {@code exp}, and nothing else. */
class VerifiedTokensTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong seconds = new AtomicLong(1_800_000_000L);
    private final VerifiedTokens tokens = new VerifiedTokens(100, nanos::get, seconds::get);

    private JWTCallerPrincipal expiringIn(long lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("front-1");
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(seconds.get() + lifetime));
        return new DefaultJWTCallerPrincipal("JWT", claims);
    }

    private void advance(long by) {
        seconds.addAndGet(by);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(by));
    }

    @Test
    void a_verified_token_is_answered_until_its_expiry_and_not_after() {
        JWTCallerPrincipal principal = expiringIn(300);
        tokens.put("token-a", principal);
        assertThat(tokens.get("token-a")).isSameAs(principal);
        advance(299);
        assertThat(tokens.get("token-a")).isSameAs(principal);
        advance(1);
        assertThat(tokens.get("token-a")).isNull();
    }

    @Test
    void only_the_very_token_kept_is_answered() {
        tokens.put("token-a", expiringIn(300));
        assertThat(tokens.get("token-b")).isNull();
        assertThat(tokens.get("token-a ")).isNull();
        assertThat(tokens.get("token-A")).isNull();
    }

    @Test
    void a_token_already_expired_is_not_kept() {
        tokens.put("token-a", expiringIn(0));
        assertThat(tokens.get("token-a")).isNull();
        tokens.put("token-b", expiringIn(-10));
        assertThat(tokens.get("token-b")).isNull();
    }

    @Test
    void an_entry_expires_by_the_cache_s_own_clock_too() {
        tokens.put("token-a", expiringIn(60));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        assertThat(tokens.get("token-a")).isNull();
    }
}
