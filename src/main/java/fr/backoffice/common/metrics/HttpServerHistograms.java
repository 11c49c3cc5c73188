package fr.backoffice.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Request durations as a histogram with fixed buckets at the latency objectives (docs/deployment.md "Metrics"), so that
 * the share of requests within an objective and the percentiles can be computed across instances in Prometheus; a
 * handful of buckets keeps the series per route few, where Micrometer's own percentile histogram would add dozens.
 */
public class HttpServerHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    static final Duration[] OBJECTIVES = Stream.of(25, 50, 100, 250, 500, 1000, 2500, 5000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Produces
    @Singleton
    MeterFilter objectives() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(Stream.of(OBJECTIVES).mapToDouble(Duration::toNanos).toArray())
                        .build().merge(config);
            }
        };
    }
}
