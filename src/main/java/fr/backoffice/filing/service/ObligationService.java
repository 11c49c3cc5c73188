package fr.backoffice.filing.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.declarant.Declarant;
import fr.backoffice.declarant.service.DeclarantService;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingCalendar;
import fr.backoffice.filing.Obligations;
import fr.backoffice.filing.api.ObligationView;
import fr.backoffice.filing.api.ObligationsView;
import fr.backoffice.filing.repository.FilingRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;

/** A declarant's expected declarations over a range of dates, and where it stands with each. */
@ApplicationScoped
public class ObligationService {

    /** The longest range one request may ask for (120 months and 10 fiscal years at most). */
    public static final int MAX_YEARS = 10;

    private final DeclarantService declarants;

    private final FilingRepository filings;

    private final BackOfficeConfig config;

    private final TimeSource time;

    public ObligationService(DeclarantService declarants, FilingRepository filings, BackOfficeConfig config,
                             TimeSource time) {
        this.declarants = declarants;
        this.filings = filings;
        this.config = config;
        this.time = time;
    }

    @WithSession
    public Uni<ObligationsView> obligations(String declarantId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ApiException.invalidField("to", "must not be before from");
        }
        if (to.isAfter(from.plusYears(MAX_YEARS).minusDays(1))) {
            throw ApiException.invalidField("to", "the range may cover at most " + MAX_YEARS + " years");
        }
        return declarants.require(declarantId)
                .flatMap(declarant -> filings.overlapping(declarant.id, from, to)
                        .map(rows -> assess(declarant, rows, from, to)));
    }

    /** Every declaration expected of the declarant over {@code [from, to]}, assessed against its filings today. */
    private ObligationsView assess(Declarant declarant, List<Filing> rows, LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.ofInstant(time.now(), config.filing().timeZone());
        List<FilingCalendar.Expected> expected = FilingCalendar.obligations(declarant.vatRegime,
                declarant.fiscalYearEndDay(), declarant.liableFrom, from, to);
        List<Obligations.Filed> filed = rows.stream().map(Obligations.Filed::of).toList();
        List<ObligationView> items = Obligations.assess(expected, filed, today).stream().map(ObligationView::of).toList();
        return new ObligationsView(declarant.id.toString(), from, to, items);
    }
}
