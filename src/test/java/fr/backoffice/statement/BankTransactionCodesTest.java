package fr.backoffice.statement;

import fr.backoffice.operation.OperationType;
import fr.backoffice.statement.api.BankTransactionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The ISO bank transaction code each entry shows, by operation type and direction (camt.053 {@code BkTxCd}). */
class BankTransactionCodesTest {

    @ParameterizedTest(name = "{0} external={1} credit={2} -> {3}/{4}/{5}")
    @CsvSource({
            // an internal transfer is issued by the debited account, received by the credited one
            "TRANSFER,        false, false, PMNT, ICDT, ESCT",
            "TRANSFER,        false, true,  PMNT, RCDT, ESCT",
            // an external one is issued, on the customer's account and on the outgoing transfers account alike
            "TRANSFER,        true,  false, PMNT, ICDT, ESCT",
            "TRANSFER,        true,  true,  PMNT, ICDT, ESCT",
            "CASH_DEPOSIT,    false, true,  PMNT, CNTR, CDPT",
            "INCOMING_TRANSFER, false, true, PMNT, RCDT, ESCT",
            "CLEARING_SETTLEMENT, false, false, ACMT, MDOP, OTHR",
            "CLEARING_SETTLEMENT, false, true, ACMT, MCOP, OTHR",
            "CASH_WITHDRAWAL, false, false, PMNT, CNTR, CWDL",
            "CHEQUE_DEPOSIT,  false, true,  PMNT, RCHQ, CCHQ",
            // the debit that takes back a bounced cheque's credit
            "CHEQUE_DEPOSIT,  false, false, PMNT, RCHQ, UPCQ",
            "FEE,             false, false, ACMT, MDOP, CHRG",
            "REVERSAL,        false, true,  ACMT, MCOP, ADJT",
            "REVERSAL,        false, false, ACMT, MDOP, ADJT"})
    void each_operation_type_has_its_iso_code(OperationType type, boolean external, boolean credit, String domain,
                                               String family, String subFamily) {
        assertThat(BankTransactionCodes.of(type, external, credit))
                .isEqualTo(new BankTransactionCode(domain, family, subFamily));
    }

    @ParameterizedTest
    @EnumSource(OperationType.class)
    void every_type_and_direction_has_a_well_formed_code(OperationType type) {
        for (boolean external : new boolean[]{false, true}) {
            for (boolean credit : new boolean[]{false, true}) {
                BankTransactionCode code = BankTransactionCodes.of(type, external, credit);
                assertThat(code.domain()).isIn("PMNT", "ACMT");
                assertThat(code.family()).matches("[A-Z]{4}");
                assertThat(code.subFamily()).matches("[A-Z]{4}");
            }
        }
    }

    @Test
    void fees_are_account_management_charges_and_transfers_are_sepa_credit_transfers() {
        assertThat(BankTransactionCodes.FEE.subFamily()).isEqualTo("CHRG");
        assertThat(BankTransactionCodes.SEPA_TRANSFER_ISSUED.subFamily()).isEqualTo("ESCT");
        assertThat(BankTransactionCodes.SEPA_TRANSFER_RECEIVED.subFamily()).isEqualTo("ESCT");
    }
}
