package fr.backoffice.common.metrics;

import io.smallrye.mutiny.Uni;

/**
 * A feature's gauges that need the database: {@link MetricsRefresh} calls {@link #refresh} for every such bean, one
 * after the other, every {@code backoffice.metrics.refresh-every}; the gauges read what the last refresh stored, so a
 * scrape never queries the database.
 */
public interface RefreshedGauges {

    /** Reads the figures (a few aggregate queries through the reactive pool) and stores them for the gauges. */
    Uni<Void> refresh();
}
