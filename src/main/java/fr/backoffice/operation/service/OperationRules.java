package fr.backoffice.operation.service;

import fr.backoffice.account.Iban;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.api.NewOperation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What a submitted operation must look like before any account is read (the rules are in the OpenAPI description of NewOperation). */
final class OperationRules {

    /** French rule: a cheque is payable for one year and eight days after its issue date. */
    static final int CHEQUE_VALIDITY_DAYS_AFTER_ONE_YEAR = 8;
    private static final Pattern VAT_RATE = Pattern.compile("\\d{1,2}(\\.\\d{1,2})?");

    private OperationRules() {
    }

    /** Each type takes exactly its fields; anything missing or extra is a 400 naming every such field. */
    static void checkShape(NewOperation request) {
        List<FieldError> errors = new ArrayList<>();
        OperationType type = request.type();
        boolean external = type == OperationType.TRANSFER && request.creditor() != null;
        expect(errors, "debitAccountId", request.debitAccountId() != null,
                type == OperationType.TRANSFER || type == OperationType.CASH_WITHDRAWAL || type == OperationType.FEE);
        expect(errors, "creditAccountId", request.creditAccountId() != null,
                (type == OperationType.TRANSFER && !external) || type == OperationType.CHEQUE_DEPOSIT
                        || type == OperationType.CASH_DEPOSIT);
        if (type == OperationType.TRANSFER && request.creditor() != null && request.creditAccountId() != null) {
            errors.add(new FieldError("creditor", "give either creditAccountId (internal) or creditor (external), not both"));
        } else if (type != OperationType.TRANSFER && request.creditor() != null) {
            errors.add(new FieldError("creditor", "only an external TRANSFER has a creditor"));
        }
        expect(errors, "cheque", request.cheque() != null, type == OperationType.CHEQUE_DEPOSIT);
        if (request.vatRate() != null && type != OperationType.FEE) {
            errors.add(new FieldError("vatRate", "only a FEE has a VAT rate"));
        }
        if (type == OperationType.REVERSAL) {
            errors.add(new FieldError("type", "a REVERSAL is created by POST /operations/{id}/reverse only"));
        } else if (type == OperationType.INCOMING_TRANSFER || type == OperationType.CLEARING_SETTLEMENT) {
            errors.add(new FieldError("type", "an " + type + " is created by the clearing (/payment-files) only"));
        } else if (type == OperationType.RECONCILIATION_WRITE_OFF) {
            errors.add(new FieldError("type", "a RECONCILIATION_WRITE_OFF is created by resolving an item of the reconciliation queue only"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, "The request is not valid for a " + type + ".", errors);
        }
    }

    static BigDecimal vatRate(String rate) {
        if (rate == null) {
            return null;
        }
        if (!VAT_RATE.matcher(rate).matches()) {
            throw ApiException.invalidField("vatRate", "must be a percentage such as \"20\" or \"5.5\"");
        }
        return new BigDecimal(rate);
    }

    /**
     * The countries whose IBANs the SEPA credit transfer scheme reaches (EPC list of the scheme's geographical
     * scope): the EEA (the EU, Iceland, Liechtenstein, Norway) and Andorra, Albania, Switzerland, Gibraltar, the
     * United Kingdom, Guernsey, the Isle of Man, Jersey, Moldova, Monaco, Montenegro, North Macedonia, San Marino
     * and the Vatican. French overseas departments and Åland use French and Finnish IBANs.
     */
    static final Set<String> SEPA_COUNTRIES = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
            "AD", "AL", "CH", "GI", "GB", "GG", "IM", "JE", "MD", "MC", "ME", "MK", "SM", "VA");

    /** An external transfer leaves through the SEPA scheme: in euros, to an IBAN of a SEPA country. */
    static void checkSepa(String currency, Iban creditorIban) {
        if (!"EUR".equals(currency)) {
            throw new ApiException(ProblemCode.NOT_SEPA, "A transfer to another bank goes through SEPA, in EUR only.",
                    List.of(new FieldError("currency", "must be EUR for a transfer to another bank")));
        }
        if (!SEPA_COUNTRIES.contains(creditorIban.countryCode())) {
            throw new ApiException(ProblemCode.NOT_SEPA, "The creditor's IBAN (" + creditorIban.countryCode()
                    + ") is not in a country the SEPA scheme reaches.",
                    List.of(new FieldError("creditor.iban", "is not in a SEPA country")));
        }
    }

    /** The largest amount a SEPA credit transfer carries (EPC rulebook, AT-T002: 0.01 to 999,999,999.99 euros). */
    static final BigDecimal SEPA_MAXIMUM = new BigDecimal("999999999.99");

    /** An external transfer above the scheme's maximum could never be sent: refused at submission. */
    static void checkSepaAmount(BigDecimal amount) {
        if (amount.compareTo(SEPA_MAXIMUM) > 0) {
            throw new ApiException(ProblemCode.AMOUNT_ABOVE_SEPA_MAXIMUM, "A transfer to another bank carries at most "
                    + "999999999.99 EUR (the SEPA Credit Transfer scheme's limit).",
                    List.of(new FieldError("amount", "is above 999999999.99, the most a SEPA transfer carries")));
        }
    }

    /** Post-dated cheques are not accepted yet, and cheques are payable one year and eight days. */
    static void checkChequeDate(LocalDate issueDate, LocalDate today) {
        if (issueDate.isAfter(today)) {
            throw new ApiException(ProblemCode.CHEQUE_POSTDATED, "The cheque is dated " + issueDate + ", in the future.");
        }
        if (issueDate.plusYears(1).plusDays(CHEQUE_VALIDITY_DAYS_AFTER_ONE_YEAR).isBefore(today)) {
            throw new ApiException(ProblemCode.CHEQUE_EXPIRED,
                    "The cheque was issued on " + issueDate + ", more than one year and eight days ago.");
        }
    }

    private static void expect(List<FieldError> errors, String field, boolean present, boolean required) {
        if (required && !present) {
            errors.add(new FieldError(field, "is required"));
        } else if (!required && present) {
            errors.add(new FieldError(field, "is not allowed for this type"));
        }
    }
}
