package fr.backoffice.common.metrics;

import fr.backoffice.common.error.Outages;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * The one background refresh of the gauges that need the database (docs/deployment.md "Metrics"): every feature's
 * {@link RefreshedGauges} in turn, so the refresh holds at most one pooled connection at a time, and a slow database
 * delays the next round (skipped while one runs) rather than piling them up. A feature whose queries fail keeps its
 * last figures, and the others are refreshed all the same.
 */
@ApplicationScoped
public class MetricsRefresh {

    private static final Logger LOG = Logger.getLogger(MetricsRefresh.class);

    private final Instance<RefreshedGauges> features;

    public MetricsRefresh(Instance<RefreshedGauges> features) {
        this.features = features;
    }

    @Scheduled(every = "${backoffice.metrics.refresh-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh();
    }

    /** One round over every feature; completes when all are done (each failure logged, none propagated). */
    public Uni<Void> refresh() {
        Uni<Void> round = Uni.createFrom().voidItem();
        for (RefreshedGauges feature : features.stream().toList()) {
            String name = feature.getClass().getSimpleName();
            // during an outage, one WARN for all jobs every 30 s; any other failure, one per feature and round
            round = round.call(() -> Outages.skippedDuringOutage("the refresh of the metrics of " + name, feature.refresh())
                    .onFailure().recoverWithUni(failure -> {
                        LOG.warnf("Metrics of %s not refreshed, the last figures stay: %s", name, failure.getMessage());
                        return Uni.createFrom().voidItem();
                    }));
        }
        return round;
    }
}
