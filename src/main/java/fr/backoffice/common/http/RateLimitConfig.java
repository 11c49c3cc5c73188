package fr.backoffice.common.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code backoffice.rate-limit.*}: the budgets {@link RateLimits} enforces (defaults in {@code application.properties},
 * meaning in the README, "Rate limiting").
 */
@ConfigMapping(prefix = "backoffice.rate-limit")
public interface RateLimitConfig {

    /** Off, nothing is counted and no rate limit header is sent. */
    @WithDefault("true")
    boolean enabled();

    /** POST, PUT, PATCH and DELETE, per caller. */
    Budget writes();

    /** GET and HEAD (every method but the writes), per caller. */
    Budget reads();

    /** Connections to the event stream, per caller. */
    Budget stream();

    /** Requests without a valid token, per client address. */
    Budget unauthenticated();

    /**
     * How many callers and addresses have a bucket at most; past it the cache forgets some (it keeps those seen often
     * and lately), and they come back with a full bucket.
     */
    @WithDefault("100000")
    int maxTracked();

    /** A token bucket: {@code capacity} requests at once, refilled continuously over {@code period}. */
    interface Budget {

        long capacity();

        /** Whole seconds, as the {@code RateLimit-Policy} header tells it. */
        Duration period();
    }
}
