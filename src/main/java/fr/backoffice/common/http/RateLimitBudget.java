package fr.backoffice.common.http;

import fr.backoffice.common.config.BackOfficeConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One class of requests' budget, as the {@code RateLimit-Policy} and {@code RateLimit} headers tell it (their syntax
 * is in the OpenAPI document): a bucket of {@code capacity} requests, refilled continuously over {@code period}, so a
 * client may spend the whole of it at once and then {@code capacity} per {@code period}.
 */
record RateLimitBudget(String name, long capacity, Duration period) {

    RateLimitBudget {
        if (capacity < 1) {
            throw new IllegalArgumentException("backoffice.rate-limit." + name + ".capacity must be at least 1");
        }
        if (period.isNegative() || period.isZero() || period.toNanos() % TimeUnit.SECONDS.toNanos(1) != 0) {
            throw new IllegalArgumentException("backoffice.rate-limit." + name + ".period must be a whole number of "
                    + "seconds (the RateLimit-Policy header tells it in seconds), not " + period);
        }
    }

    static RateLimitBudget of(String name, BackOfficeConfig.RateLimit.Budget config) {
        return new RateLimitBudget(name, config.capacity(), config.period());
    }

    Bucket newBucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
    }

    /** The {@code RateLimit-Policy} value: {@code "writes";q=400;w=2}. */
    String policy() {
        return '"' + name + "\";q=" + capacity + ";w=" + period.toSeconds();
    }

    /** The {@code RateLimit} value after a request drew on the bucket: what is left, and the seconds until it is full. */
    String state(ConsumptionProbe probe) {
        return '"' + name + "\";r=" + probe.getRemainingTokens() + ";t=" + seconds(probe.getNanosToWaitForReset());
    }

    /** The {@code Retry-After} of a refused request: the seconds until the bucket holds one request again. */
    static long retryAfter(ConsumptionProbe refused) {
        return seconds(refused.getNanosToWaitForRefill());
    }

    /** Rounded up: a client that waits this long is never early. */
    static long seconds(long nanos) {
        long second = TimeUnit.SECONDS.toNanos(1);
        return nanos / second + (nanos % second == 0 ? 0 : 1);
    }
}
