package fr.backoffice.filing.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.declarant.DeclarationDates;
import fr.backoffice.declarant.service.DeclarantService;
import fr.backoffice.filing.FilingCalendar;
import fr.backoffice.filing.Obligations;
import fr.backoffice.filing.repository.FilingRepository;
import fr.backoffice.filing.rest.FilingDtos.ObligationView;
import fr.backoffice.filing.rest.FilingDtos.ObligationsView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A declarant's expected declarations over a range of dates, and where it stands with each. */
@ApplicationScoped
public class ObligationService {

    /** The longest range one request may ask for (120 months and 10 fiscal years at most). */
    public static final int MAX_YEARS = 10;

    @Inject
    DeclarantService declarants;

    @Inject
    FilingRepository filings;

    @Inject
    BackOfficeConfig config;

    @WithSession
    public Uni<ObligationsView> obligations(String declarantId, String fromParam, String toParam) {
        LocalDate from = date("from", fromParam);
        LocalDate to = date("to", toParam);
        if (to.isBefore(from)) {
            throw ApiException.invalidField("to", "must not be before from");
        }
        if (to.isAfter(from.plusYears(MAX_YEARS).minusDays(1))) {
            throw ApiException.invalidField("to", "the range may cover at most " + MAX_YEARS + " years");
        }
        LocalDate today = LocalDate.now(config.filing().timeZone());
        return declarants.require(declarantId).flatMap(declarant -> filings.overlapping(declarant.id, from, to).map(rows -> {
            var expected = FilingCalendar.obligations(declarant.vatRegime, declarant.fiscalYearEndDay(), declarant.liableFrom,
                    from, to);
            var filed = rows.stream()
                    .map(filing -> new Obligations.Filed(filing.id, filing.type, filing.period(), filing.status, filing.dueDate))
                    .toList();
            var items = Obligations.assess(expected, filed, today).stream()
                    .map(assessed -> new ObligationView(assessed.expected().type(), assessed.expected().period().start(),
                            assessed.expected().period().end(), assessed.dueDate(), assessed.status(),
                            assessed.filing().map(filing -> filing.id().toString()).orElse(null),
                            assessed.filing().map(Obligations.Filed::status).orElse(null)))
                    .toList();
            return new ObligationsView(declarant.id.toString(), from, to, items);
        }));
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(name, "is required (YYYY-MM-DD)");
        }
        try {
            return DeclarationDates.check(name, LocalDate.parse(value));
        } catch (DateTimeParseException notADate) {
            throw ApiException.invalidField(name, "must be a date YYYY-MM-DD");
        }
    }
}
