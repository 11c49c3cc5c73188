package fr.backoffice.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tokens already verified, by the SHA-256 of their text, each until its {@code exp} (docs/security.md "Tokens"): a
 * front office sends the same token with every request for its lifetime, and verifying it again (parsing its JSON,
 * checking its signature) was the largest share of a request's CPU. Only a token that passed every check is kept, and
 * never past its expiry, so the cache answers exactly what verification would answer.
 */
final class VerifiedTokens {

    private final Cache<String, JWTCallerPrincipal> principals;
    private final LongSupplier epochSeconds;

    VerifiedTokens(int size) {
        this(size, Ticker.systemTicker(), () -> System.currentTimeMillis() / 1000);
    }

    VerifiedTokens(int size, Ticker ticker, LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
        this.principals = Caffeine.newBuilder().maximumSize(size).ticker(ticker)
                .expireAfter(new UntilExpiry()).build();
    }

    /** The principal of this token if it was verified and has not expired; null otherwise. */
    JWTCallerPrincipal get(String token) {
        JWTCallerPrincipal principal = principals.getIfPresent(digest(token));
        return principal != null && principal.getExpirationTime() > epochSeconds.getAsLong() ? principal : null;
    }

    /** Keeps a token that passed verification, until its {@code exp}. */
    void put(String token, JWTCallerPrincipal principal) {
        if (principal.getExpirationTime() > epochSeconds.getAsLong()) {
            principals.put(digest(token), principal);
        }
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An entry lives until its token's {@code exp}, whatever reads or writes it meanwhile. */
    private final class UntilExpiry implements Expiry<String, JWTCallerPrincipal> {

        @Override
        public long expireAfterCreate(String key, JWTCallerPrincipal principal, long now) {
            long seconds = principal.getExpirationTime() - epochSeconds.getAsLong();
            return TimeUnit.SECONDS.toNanos(Math.max(seconds, 0));
        }

        @Override
        public long expireAfterUpdate(String key, JWTCallerPrincipal principal, long now, long remaining) {
            return expireAfterCreate(key, principal, now);
        }

        @Override
        public long expireAfterRead(String key, JWTCallerPrincipal principal, long now, long remaining) {
            return remaining;
        }
    }
}
