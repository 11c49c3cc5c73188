package fr.backoffice.filing.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.metrics.RefreshedGauges;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.declarant.FiscalYearEnd;
import fr.backoffice.declarant.VatRegime;
import fr.backoffice.filing.FilingCalendar;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.FilingType;
import fr.backoffice.filing.ObligationStatus;
import fr.backoffice.filing.Obligations;
import fr.backoffice.filing.Period;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The filings' metrics (docs/deployment.md "Metrics"), read by the background refresh: filings by type and status, and
 * the obligations overdue today by type. Obligations are not stored: they are assessed as {@code GET .../obligations}
 * assesses them ({@link Obligations}), for every declarant over the last {@value #OVERDUE_YEARS} years, from one
 * read of the declarants and one of their filings in that window.
 */
@Startup
@ApplicationScoped
public class FilingMetrics implements RefreshedGauges {

    /** How far back an unmet obligation still counts as overdue here. */
    static final int OVERDUE_YEARS = 2;

    private static final String BY_STATUS = "select type, status, count(*) as filings from filing group by type, status";
    private static final String DECLARANTS = "select id, vat_regime, fiscal_year_end, liable_from from declarant";
    private static final String FILINGS = """
            select id, declarant_id, type, period_start, period_end, status, due_date from filing
            where period_end >= $1 and period_start <= $2""";

    private final MeterRegistry registry;

    private final Pool pool;

    private final TimeSource time;

    private final BackOfficeConfig config;

    public FilingMetrics(MeterRegistry registry, Pool pool, TimeSource time, BackOfficeConfig config) {
        this.registry = registry;
        this.pool = pool;
        this.time = time;
        this.config = config;
    }

    private MultiGauge filings;
    private MultiGauge overdue;

    @PostConstruct
    void register() {
        filings = MultiGauge.builder("backoffice.filings")
                .description("Filings by type and status").register(registry);
        overdue = MultiGauge.builder("backoffice.obligations.overdue")
                .description("Declarations expected of declarants, due and not met (over the last " + OVERDUE_YEARS
                        + " years), by type").register(registry);
    }

    @Override
    public Uni<Void> refresh() {
        LocalDate today = LocalDate.ofInstant(time.now(), config.filing().timeZone());
        LocalDate from = today.minusYears(OVERDUE_YEARS);
        return pool.query(BY_STATUS).execute().invoke(this::byStatus)
                .flatMap(counted -> pool.query(DECLARANTS).execute())
                .flatMap(declarants -> pool.preparedQuery(FILINGS).execute(Tuple.of(from, today))
                        .invoke(filed -> overdue(declarants, filed, from, today)))
                .replaceWithVoid();
    }

    private void byStatus(RowSet<Row> rows) {
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        for (Row row : rows) {
            counts.add(MultiGauge.Row.of(Tags.of("type", row.getString("type"), "status", row.getString("status")),
                    row.getLong("filings")));
        }
        filings.register(counts, true);
    }

    private void overdue(RowSet<Row> declarants, RowSet<Row> rows, LocalDate from, LocalDate today) {
        Map<UUID, List<Obligations.Filed>> filed = new HashMap<>();
        for (Row row : rows) {
            filed.computeIfAbsent(row.getUUID("declarant_id"), id -> new ArrayList<>()).add(new Obligations.Filed(
                    row.getUUID("id"), FilingType.valueOf(row.getString("type")),
                    new Period(row.getLocalDate("period_start"), row.getLocalDate("period_end")),
                    FilingStatus.valueOf(row.getString("status")), row.getLocalDate("due_date")));
        }
        Map<FilingType, Long> counts = new EnumMap<>(FilingType.class);
        for (FilingType type : FilingType.values()) {
            counts.put(type, 0L);
        }
        for (Row declarant : declarants) {
            List<FilingCalendar.Expected> expected = FilingCalendar.obligations(
                    VatRegime.valueOf(declarant.getString("vat_regime")),
                    FiscalYearEnd.parse(declarant.getString("fiscal_year_end")),
                    declarant.getLocalDate("liable_from"), from, today);
            for (Obligations.Assessed assessed : Obligations.assess(expected,
                    filed.getOrDefault(declarant.getUUID("id"), List.of()), today)) {
                if (assessed.status() == ObligationStatus.OVERDUE) {
                    counts.merge(assessed.expected().type(), 1L, Long::sum);
                }
            }
        }
        List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
        counts.forEach((type, count) -> overdueRows.add(MultiGauge.Row.of(Tags.of("type", type.name()), count)));
        overdue.register(overdueRows, true);
    }
}
