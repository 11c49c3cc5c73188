package fr.backoffice.reconciliation.service;

import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.reconciliation.ExpectedPaymentStatus;
import fr.backoffice.reconciliation.ExpectedPayments;
import fr.backoffice.reconciliation.api.ExpectedPaymentView;
import fr.backoffice.reconciliation.api.NewExpectedPayment;
import fr.backoffice.reconciliation.repository.ExpectedPaymentRepository;
import fr.backoffice.reconciliation.repository.ReconciliationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What customer accounts expect to receive (docs/reconciliation.md "Expected payments"): registered by a front office,
 * then matched as a credit fitting it is booked ({@link ExpectedPaymentArrivals}; {@link ExpectedPaymentMatcher} catches up) or overdue.
 */
@ApplicationScoped
public class ExpectedPaymentBook {

    private final ExpectedPaymentRepository repository;

    private final Events events;

    private final Caller caller;

    private final TimeSource time;

    private final Idempotency idempotency;

    public ExpectedPaymentBook(ExpectedPaymentRepository repository, Events events, Caller caller, TimeSource time,
            Idempotency idempotency) {
        this.repository = repository;
        this.events = events;
        this.caller = caller;
        this.time = time;
        this.idempotency = idempotency;
    }

    @Audited
    @WithTransaction
    public Uni<Reply> register(NewExpectedPayment body, String idempotencyKey) {
        return idempotency.once(idempotencyKey, body, () -> {
            ExpectedPayments.Terms terms = ExpectedPayments.terms(body, time.today());
            UUID account = Ids.parse(body.accountId()).orElseThrow(ExpectedPaymentBook::unknownAccount);
            UUID id = Ids.newId();
            Instant now = time.now();
            return repository.account(account).flatMap(row -> {
                requireCustomerAccount(row, terms.currency());
                return repository.insert(id, account, terms, now, caller.id());
            }).flatMap(ignored -> announce(id, EventType.EXPECTED_PAYMENT_REGISTERED))
                    .map(view -> Reply.created(view, "/expected-payments/" + view.id(), view.version()));
        });
    }

    @WithSession
    public Uni<ExpectedPaymentView> get(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Expected payment " + id));
        return repository.find(uuid).map(row -> {
            if (row == null) {
                throw ApiException.notFound("Expected payment " + id);
            }
            return view(row);
        });
    }

    @WithSession
    public Uni<Page<ExpectedPaymentView>> list(String accountId, String status, PageRequest page) {
        if (status != null && !status.matches("OPEN|MATCHED|OVERDUE")) {
            throw ApiException.invalidField("status", "must be OPEN, MATCHED or OVERDUE");
        }
        UUID account = accountId == null ? null : Ids.parse(accountId)
                .orElseThrow(() -> ApiException.invalidField("accountId", "must be an account id (a UUID)"));
        int limit = page.limit();
        return repository.page(account, status, page.afterId(), limit + 1)
                .map(rows -> Page.of(rows, limit, r -> (String) r[0], ExpectedPaymentBook::view));
    }

    /** The expected payment as it is now, with its event. */
    Uni<ExpectedPaymentView> announce(UUID id, EventType type) {
        return repository.find(id).map(ExpectedPaymentBook::view)
                .call(view -> events.append(type, view.id(), view));
    }

    /** A customer account, not closed, in the currency expected. */
    private static void requireCustomerAccount(Object[] row, String currency) {
        if (row == null || "INTERNAL".equals(row[0])) {
            throw unknownAccount();
        }
        if ("CLOSED".equals(row[1])) {
            throw new ApiException(ProblemCode.ACCOUNT_CLOSED, "The account is closed: it receives nothing.");
        }
        if (!currency.equals(row[2])) {
            throw new ApiException(ProblemCode.CURRENCY_MISMATCH, "The account is in " + row[2] + ", not " + currency + ".",
                    List.of(new FieldError("currency", "must be the account's, " + row[2])));
        }
    }

    private static ApiException unknownAccount() {
        return new ApiException(ProblemCode.UNKNOWN_ACCOUNT, "No customer account has the id given in accountId.",
                List.of(new FieldError("accountId", "unknown account")));
    }

    static ExpectedPaymentView view(Object[] r) {
        BigDecimal min = new BigDecimal((String) r[2]);
        BigDecimal max = new BigDecimal((String) r[3]);
        int scale = java.util.Currency.getInstance((String) r[4]).getDefaultFractionDigits();
        String minText = min.setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString();
        String maxText = max.setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString();
        boolean exact = min.compareTo(max) == 0;
        NewExpectedPayment.ExpectedCounterparty counterparty = r[6] == null && r[7] == null ? null
                : new NewExpectedPayment.ExpectedCounterparty((String) r[6], (String) r[7]);
        return new ExpectedPaymentView((String) r[0], (String) r[1], exact ? minText : null,
                exact ? null : new NewExpectedPayment.AmountRange(minText, maxText), (String) r[4], (String) r[5], counterparty,
                LocalDate.parse((String) r[8]), LocalDate.parse((String) r[9]), ExpectedPaymentStatus.valueOf((String) r[10]),
                (String) r[11], ReconciliationRepository.instant(r[12]), ReconciliationRepository.instant(r[13]),
                (String) r[14], Long.parseLong((String) r[15]));
    }
}
