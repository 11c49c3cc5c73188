package fr.backoffice.filing.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingCalendar;
import fr.backoffice.filing.FilingContent;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.FilingType;
import fr.backoffice.filing.Period;
import fr.backoffice.filing.annual.AnnualAccountsChecks;
import fr.backoffice.filing.annual.AnnualAccountsContent;
import fr.backoffice.filing.check.CheckReport;
import fr.backoffice.filing.check.CheckResult;
import fr.backoffice.filing.check.FilingChecks;
import fr.backoffice.filing.repository.FilingRepository;
import fr.backoffice.filing.vat.PreviousReturn;
import fr.backoffice.filing.vat.VatComputation;
import fr.backoffice.filing.vat.VatComputed;
import fr.backoffice.filing.vat.VatReturnChecks;
import fr.backoffice.filing.vat.VatReturnContent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a filing's content gives today: the computed figures, every check, and the due date. The day is the
 * administration's ({@code backoffice.filing.time-zone}): it decides when a period is over.
 */
@ApplicationScoped
public class FilingEvaluation {

    private final FilingRepository filings;

    private final FilingContents contents;

    private final TimeSource time;

    private final BackOfficeConfig config;

    public FilingEvaluation(FilingRepository filings, FilingContents contents, TimeSource time,
                            BackOfficeConfig config) {
        this.filings = filings;
        this.contents = contents;
        this.time = time;
        this.config = config;
    }

    /** The evaluation to set on the filing, and the report of the checks it ran. */
    public record Evaluated(Filing.Evaluation evaluation, CheckReport report) {

        /** The evaluation when every check passed; 422 {@code FILING_CHECKS_FAILED} listing each failure otherwise. */
        public Filing.Evaluation passed() {
            if (!report.passed()) {
                throw checksFailed(report.failures());
            }
            return evaluation;
        }
    }

    /** The filing's stored content, evaluated again today. */
    public Uni<Evaluated> ofStored(Filing filing) {
        return of(filing, contents.stored(filing.type, filing.content));
    }

    /** New content for the filing, evaluated. */
    public Uni<Evaluated> of(Filing filing, FilingContent content) {
        return of(filing.type, filing.declarantId, filing.period(), content);
    }

    public Uni<Evaluated> of(FilingType type, UUID declarantId, Period period, FilingContent content) {
        Instant at = time.now();
        LocalDate today = LocalDate.ofInstant(at, config.filing().timeZone());
        if (type == FilingType.VAT_RETURN) {
            VatReturnContent vat = (VatReturnContent) content;
            return preceding(declarantId, period).map(preceding -> {
                VatComputed computed = VatComputation.compute(vat, preceding.accepted());
                CheckReport report = VatReturnChecks.run(vat, preceding.accepted(), preceding.notAccepted(), period, today);
                return evaluated(vat, computed, report, at, FilingCalendar.vatDueDate(period));
            });
        }
        AnnualAccountsContent annual = (AnnualAccountsContent) content;
        CheckReport report = AnnualAccountsChecks.run(annual, period, today);
        return Uni.createFrom().item(evaluated(annual, AnnualAccountsChecks.compute(annual, period), report, at,
                FilingCalendar.annualAccountsDueDate(period, annual.approvalDay())));
    }

    private Evaluated evaluated(FilingContent content, Object computed, CheckReport report, Instant at, LocalDate dueDate) {
        return new Evaluated(new Filing.Evaluation(contents.write(content), contents.write(computed),
                contents.write(FilingChecks.of(report, at)), dueDate), report);
    }

    /** The preceding period's accepted return, or why there is none to use (null: the declarant's first return). */
    private record Preceding(PreviousReturn accepted, String notAccepted) {
    }

    /**
     * The credit brought forward comes from the return of the immediately preceding period only, once accepted (the
     * last acknowledged, for an accepted amendment). When that return is not accepted yet, or missing while earlier
     * returns exist, nothing is guessed: the check PREVIOUS_RETURN_NOT_ACCEPTED fails with its status.
     */
    private Uni<Preceding> preceding(UUID declarantId, Period period) {
        return filings.vatReturnsEndingOn(declarantId, period.start().minusDays(1))
                .flatMap(returns -> returns.isEmpty() ? noPrecedingReturn(declarantId, period)
                        : Uni.createFrom().item(precedingAmong(returns)));
    }

    /** The accepted one among the preceding period's returns (last acknowledged first), else the newest one's status. */
    private Preceding precedingAmong(List<Filing> returns) {
        return returns.stream()
                .filter(filing -> filing.status == FilingStatus.ACCEPTED)
                .findFirst()
                .map(accepted -> new Preceding(new PreviousReturn(accepted.id.toString(),
                        contents.read(accepted.computed, VatComputed.class).creditToCarryForward()), null))
                .orElseGet(() -> new Preceding(null, returns.get(0).status.name()));
    }

    /** No return for the preceding period: missing when earlier returns exist, else this is the first one. */
    private Uni<Preceding> noPrecedingReturn(UUID declarantId, Period period) {
        return filings.anyVatReturnBefore(declarantId, period.start())
                .map(earlier -> new Preceding(null, earlier ? VatReturnChecks.MISSING : null));
    }

    private static ApiException checksFailed(List<CheckResult> failures) {
        List<FieldError> errors = failures.stream()
                .map(failure -> new FieldError(failure.field() == null ? "content" : failure.field(),
                        failure.code() + ": " + failure.message()))
                .toList();
        return new ApiException(ProblemCode.FILING_CHECKS_FAILED, failures.size() + " check(s) failed: "
                + failures.stream().map(CheckResult::code).collect(Collectors.joining(", ")) + ".", errors);
    }
}
