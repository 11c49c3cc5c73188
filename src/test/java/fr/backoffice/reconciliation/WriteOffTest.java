package fr.backoffice.reconciliation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which way a write-off books (docs/reconciliation.md "Writing off"): the side that makes the ledger agree with the bank. */
class WriteOffTest {

    @Test
    void a_line_the_ledger_lacks_is_booked_on_the_side_the_bank_reports() {
        // CRDT: money arrived at the bank, a debit entry of ours; DBIT: money left, a credit entry of ours
        assertThat(WriteOff.debitsReconciledAccount(ExceptionKind.STATEMENT_LINE, "CRDT")).isTrue();
        assertThat(WriteOff.debitsReconciledAccount(ExceptionKind.STATEMENT_LINE, "DBIT")).isFalse();
    }

    @Test
    void an_entry_the_bank_never_reported_is_taken_back() {
        // a debit entry of ours is CRDT as the bank sees it: taken back by a credit of the reconciled account
        assertThat(WriteOff.debitsReconciledAccount(ExceptionKind.LEDGER_ENTRY, "CRDT")).isFalse();
        assertThat(WriteOff.debitsReconciledAccount(ExceptionKind.LEDGER_ENTRY, "DBIT")).isTrue();
    }

    @Test
    void the_label_says_what_was_written_off_and_fits_the_column() {
        assertThat(WriteOff.label(ExceptionKind.STATEMENT_LINE, "DBIT", "5.00")).contains("DBIT line of 5.00").hasSizeLessThan(140);
        assertThat(WriteOff.label(ExceptionKind.LEDGER_ENTRY, "CRDT", "99999999999999.99")).contains("never reported")
                .hasSizeLessThan(140);
    }
}
