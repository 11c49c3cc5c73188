package fr.backoffice.common.time;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * When an instance begins to stop (docs/deployment.md "Deployment"), no scheduled job starts any more: a run started
 * then would find the database pool closed under it. Runs already going finish within the shutdown delay; the other
 * instances, or this one's successor, take the next ones.
 */
@ApplicationScoped
public class ScheduledWorkStops {

    private final Scheduler scheduler;

    public ScheduledWorkStops(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void pause(@Observes ShutdownDelayInitiatedEvent stopping) {
        scheduler.pause();
    }
}
