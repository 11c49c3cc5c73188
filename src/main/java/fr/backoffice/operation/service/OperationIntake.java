package fr.backoffice.operation.service;

import fr.backoffice.account.AccountType;
import fr.backoffice.account.Iban;
import fr.backoffice.account.repository.AccountReader.Facts;
import fr.backoffice.common.Ids;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.api.NewOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A submitted operation checked before anything is written: first what needs no database ({@link #received}), then
 * against the facts of the accounts it names ({@link #owner}). Every refusal is a 400 or 422 that creates nothing.
 */
@ApplicationScoped
class OperationIntake {

    /** How far ahead an execution date may be requested. */
    private static final int MAX_DAYS_AHEAD = 366;

    private final Caller caller;

    private final TimeSource time;

    private final BackOfficeConfig config;

    private final CreditorBanks creditorBanks;

    OperationIntake(Caller caller, TimeSource time, BackOfficeConfig config, CreditorBanks creditorBanks) {
        this.caller = caller;
        this.time = time;
        this.config = config;
        this.creditorBanks = creditorBanks;
    }

    /** The operation as requested, checked for everything that needs no database. */
    Operation received(NewOperation request) {
        OperationRules.checkShape(request);
        Currency currency = Money.currency("currency", request.currency());
        BigDecimal amount = Money.amount("amount", request.amount(), currency);
        BigDecimal vatRate = OperationRules.vatRate(request.vatRate());
        Iban creditorIban = request.creditor() == null ? null : Iban.parse("creditor.iban", request.creditor().iban());
        String creditorBic = null;
        if (creditorIban != null) {
            OperationRules.checkSepa(currency.getCurrencyCode(), creditorIban);
            OperationRules.checkSepaAmount(amount);
            creditorBic = creditorBanks.of(creditorIban, request.creditor().bic());
        }
        LocalDate today = time.today();
        LocalDate requested = requestedExecutionDate(request, today);
        if (request.cheque() != null) {
            OperationRules.checkChequeDate(request.cheque().issueDate(), today);
        }
        UUID debitId = accountId("debitAccountId", request.debitAccountId());
        UUID creditId = accountId("creditAccountId", request.creditAccountId());
        if (debitId != null && debitId.equals(creditId)) {
            throw new ApiException(ProblemCode.SAME_ACCOUNT, "The debit and credit accounts are the same.");
        }

        Operation.Creditor creditor = request.creditor() == null ? null
                : new Operation.Creditor(request.creditor().name().strip(), creditorIban.value(), creditorBic);
        Operation.Cheque cheque = request.cheque() == null ? null
                : new Operation.Cheque(request.cheque().number(), request.cheque().drawerName().strip(),
                        request.cheque().drawerBank().strip(), request.cheque().issueDate());
        Operation.Request asked = new Operation.Request(amount, currency.getCurrencyCode(), debitId, creditId, creditor,
                cheque, vatRate, request.reference(), request.label(), requested);
        return Operation.submitted(Ids.newId(), request.type(), asked, caller.id(), time.now(),
                amount.compareTo(config.approvalThreshold()) >= 0);
    }

    /** Today when absent; never in the past, at most a year ahead. */
    private static LocalDate requestedExecutionDate(NewOperation request, LocalDate today) {
        LocalDate requested = request.requestedExecutionDate() == null ? today : request.requestedExecutionDate();
        if (requested.isBefore(today)) {
            throw new ApiException(ProblemCode.EXECUTION_DATE_IN_PAST, "The requested execution date " + requested + " has passed.");
        }
        if (requested.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw new ApiException(ProblemCode.EXECUTION_DATE_TOO_FAR, "An execution date can be requested up to one year ahead.");
        }
        return requested;
    }

    /** An account id the request gives; one that cannot name any account is an unknown account. */
    private static UUID accountId(String field, String id) {
        if (id == null) {
            return null;
        }
        return Ids.parse(id).orElseThrow(() -> unknownAccount(field));
    }

    private static ApiException unknownAccount(String field) {
        return new ApiException(ProblemCode.UNKNOWN_ACCOUNT, "No account has the id given in " + field + ".",
                List.of(new FieldError(field, "unknown account")));
    }

    /**
     * Checks the accounts against the request and returns the unit the operation belongs to: that of the customer
     * account it debits, or of the one it credits.
     */
    String owner(Operation op, Map<UUID, Facts> named) {
        // before any fact of an account is told: another unit's account is answered as one that does not exist
        requireReachable("debitAccountId", op.debitAccountId, named);
        requireReachable("creditAccountId", op.creditAccountId, named);
        checkAccount("debitAccountId", op.debitAccountId, named, op.currency);
        checkAccount("creditAccountId", op.creditAccountId, named, op.currency);
        return named.get(op.debitAccountId != null ? op.debitAccountId : op.creditAccountId).unit();
    }

    /** An account that does not exist, or that the caller's submitting roles do not reach, is an unknown account. */
    private void requireReachable(String field, UUID id, Map<UUID, Facts> named) {
        if (id == null) {
            return;
        }
        Facts account = named.get(id);
        if (account == null || !caller.may(account.unit())) {
            throw unknownAccount(field);
        }
    }

    private static void checkAccount(String field, UUID id, Map<UUID, Facts> named, String currency) {
        if (id == null) {
            return;
        }
        Facts account = named.get(id);
        if (account.type() == AccountType.INTERNAL) {
            throw new ApiException(ProblemCode.INTERNAL_ACCOUNT, "Internal accounts are moved only by the service's own postings.",
                    List.of(new FieldError(field, "is an internal account")));
        }
        String held = account.currency();
        if (!currency.equals(held)) {
            throw new ApiException(ProblemCode.CURRENCY_MISMATCH, "The operation is in " + currency + " but the account in "
                    + field + " is in " + held + ".", List.of(new FieldError(field, "is held in " + held)));
        }
    }
}
