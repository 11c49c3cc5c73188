package fr.backoffice.reconciliation.service;

import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.reconciliation.LineState;
import fr.backoffice.reconciliation.api.ReportView;
import fr.backoffice.reconciliation.repository.ReconciliationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * The report of one reconciled account on one business day (docs/reconciliation.md "Daily report"): the bank's
 * balances from the day's camt.053, the ledger's from the entries, the day's lines by state, the entries no line
 * reports, the open items of the queue, and the difference. Read only, in one session.
 */
@ApplicationScoped
public class DailyReports {

    private final ReconciliationRepository repository;

    private final TimeSource time;

    public DailyReports(ReconciliationRepository repository, TimeSource time) {
        this.repository = repository;
        this.time = time;
    }

    @WithSession
    public Uni<ReportView> report(String accountId, LocalDate date) {
        UUID id = Ids.parse(accountId).orElseThrow(() -> ApiException.notFound("Account " + accountId));
        return repository.account(id).flatMap(account -> {
            if (account == null) {
                throw ApiException.notFound("Account " + accountId);
            }
            if (!"INTERNAL".equals(account[0]) || !StatementImport.RECONCILED_PURPOSES.contains((String) account[1])) {
                throw new ApiException(ProblemCode.UNKNOWN_SETTLEMENT_ACCOUNT, "The account " + accountId + " is no "
                        + "reconciled account of ours (a unit's clearing settlement account, whose statements the "
                        + "settlement bank sends): there is no report of it.");
            }
            ZoneId zone = time.businessZone();
            LocalDate today = time.today();
            if (date.isAfter(today)) {
                throw new ApiException(ProblemCode.STATEMENT_DATE_IN_FUTURE,
                        "There is no report of " + date + " yet: today is " + today + " in the bank's time zone.");
            }
            Instant from = date.atStartOfDay(zone).toInstant();
            Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
            String currency = (String) account[2];
            Builder report = new Builder(id, (String) account[3], currency, date, date.isBefore(today));
            return repository.endOfDayStatements(id, date).invoke(report::statements)
                    .flatMap(x -> repository.ledgerBalance(id, from)).invoke(b -> report.ledgerOpening = b)
                    .flatMap(x -> repository.ledgerBalance(id, to)).invoke(b -> report.ledgerClosing = b)
                    .flatMap(x -> repository.linesOfDay(id, date)).invoke(report::lines)
                    .flatMap(x -> repository.unreportedOfDay(id, from, to)).invoke(report::unreported)
                    .flatMap(x -> repository.openExceptionsOfDay(id, date, from, to)).invoke(n -> report.openExceptions = n)
                    .map(x -> report.view());
        });
    }

    /** The figures as they are read. */
    private static final class Builder {
        final UUID accountId;
        final String iban;
        final String currency;
        final LocalDate date;
        final boolean complete;
        int statements;
        BigDecimal bankOpening;
        BigDecimal bankClosing;
        BigDecimal ledgerOpening;
        BigDecimal ledgerClosing;
        ReportView.Figure matched;
        ReportView.Figure unmatched;
        ReportView.Figure partial;
        ReportView.Figure unreported;
        long openExceptions;

        Builder(UUID accountId, String iban, String currency, LocalDate date, boolean complete) {
            this.accountId = accountId;
            this.iban = iban;
            this.currency = currency;
            this.date = date;
            this.complete = complete;
            ReportView.Figure none = figure(0, BigDecimal.ZERO);
            matched = none;
            unmatched = none;
            partial = none;
        }

        /** The opening balance of the first statement of the day, the closing balance of the last. */
        void statements(List<Object[]> rows) {
            statements = rows.size();
            if (!rows.isEmpty()) {
                bankOpening = new BigDecimal((String) rows.get(0)[1]);
                bankClosing = new BigDecimal((String) rows.get(rows.size() - 1)[2]);
            }
        }

        void lines(List<Object[]> rows) {
            for (Object[] row : rows) {
                ReportView.Figure figure = figure(Long.parseLong((String) row[1]), new BigDecimal((String) row[2]));
                switch (LineState.valueOf((String) row[0])) {
                    case MATCHED -> matched = figure;
                    case UNMATCHED -> unmatched = figure;
                    case PARTIAL -> partial = figure;
                }
            }
        }

        /** Our entries' sum, credits positive, is the bank's figure negated: our debit entry is its CRDT. */
        void unreported(Object[] row) {
            unreported = figure(Long.parseLong((String) row[0]), new BigDecimal((String) row[1]).negate());
        }

        ReportView view() {
            BigDecimal ledgerClosingAsBank = ledgerClosing.negate();
            return new ReportView(accountId.toString(), iban, currency, date, complete,
                    new ReportView.BankSide(statements, money(bankOpening), money(bankClosing)),
                    new ReportView.LedgerSide(money(ledgerOpening.negate()), money(ledgerClosingAsBank)),
                    matched, unmatched, partial, unreported, openExceptions,
                    bankClosing == null ? null : money(bankClosing.subtract(ledgerClosingAsBank)));
        }

        ReportView.Figure figure(long count, BigDecimal total) {
            return new ReportView.Figure(count, money(total));
        }

        /** In the currency's decimals (an amount of more keeps them all); zero is never negative. */
        String money(BigDecimal amount) {
            if (amount == null) {
                return null;
            }
            int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            BigDecimal exact = amount.stripTrailingZeros();
            BigDecimal shown = exact.scale() <= digits ? amount.setScale(digits, RoundingMode.UNNECESSARY) : exact;
            return shown.signum() == 0 ? shown.abs().toPlainString() : shown.toPlainString();
        }
    }
}
