package fr.backoffice.statement;

import fr.backoffice.statement.api.BankTransactionCode;
import fr.backoffice.statement.api.StatementAuthorizations;
import fr.backoffice.statement.api.StatementBalance;
import fr.backoffice.statement.api.StatementEntry;
import fr.backoffice.statement.api.StatementSummary;
import fr.backoffice.statement.api.StatementView;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The camt.053 writer on its own: amounts in the currency's decimals, unsigned, and what a day so far says. */
class Camt053Test {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final Instant FROM = Instant.parse("2026-11-29T23:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T10:15:30.123456Z");

    @Test
    void amounts_have_the_currencys_decimals_and_no_sign() {
        String yen = xml(statement("JPY", "-1250", "DBIT", entry("-1250", "DBIT"), true));
        assertThat(yen).contains("<Amt Ccy=\"JPY\">1250</Amt>").doesNotContain("-1250").doesNotContain("1250.00");
        String dinar = xml(statement("KWD", "1.250", "CRDT", entry("1.250", "CRDT"), true));
        assertThat(dinar).contains("<Amt Ccy=\"KWD\">1.250</Amt>");
    }

    @Test
    void a_day_so_far_says_so_and_an_ended_one_does_not() {
        assertThat(xml(statement("EUR", "10.00", "CRDT", entry("10.00", "CRDT"), false)))
                .contains("<AddtlStmtInf>Statement so far: entries posted up to 2026-11-30T10:15:30Z; the day is not over</AddtlStmtInf>");
        assertThat(xml(statement("EUR", "10.00", "CRDT", entry("10.00", "CRDT"), true))).doesNotContain("AddtlStmtInf");
    }

    @Test
    void the_authorizations_open_at_its_end_are_information_never_entries() {
        String xml = xml(statement("EUR", "10.00", "CRDT", entry("10.00", "CRDT"), false, new StatementAuthorizations(2, "40.00")));
        assertThat(xml).contains("<AddtlStmtInf>Statement so far: entries posted up to 2026-11-30T10:15:30Z; the day is not over. "
                + "2 authorization(s) open, reserving 40.00 EUR (not booked)</AddtlStmtInf>");
        assertThat(xml.split("<Ntry>", -1)).hasSize(2);
        assertThat(xml(statement("EUR", "10.00", "CRDT", entry("10.00", "CRDT"), true, new StatementAuthorizations(1, "5.00"))))
                .contains("<AddtlStmtInf>1 authorization(s) open, reserving 5.00 EUR (not booked)</AddtlStmtInf>");
    }

    @Test
    void an_entry_without_counterparty_or_label_leaves_those_elements_out() {
        String xml = xml(statement("EUR", "10.00", "CRDT", entry("10.00", "CRDT"), true));
        assertThat(xml).contains("<NtryRef>019ad3b01c2d7e3f8a4b5c6d7e8f9a0b</NtryRef>")
                .doesNotContain("RltdPties").doesNotContain("RmtInf");
        assertThat(xml.replaceAll("\\s+", "")).contains("<Sts><Cd>BOOK</Cd></Sts>");
    }

    private static String xml(StatementView statement) {
        return new String(Camt053.write(statement), StandardCharsets.UTF_8);
    }

    private static StatementEntry entry(String amount, String creditDebit) {
        return new StatementEntry("019ad3b0-1c2d-7e3f-8a4b-5c6d7e8f9a0b", "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81", "CASH_DEPOSIT",
                amount, creditDebit, DAY, DAY, new BankTransactionCode("PMNT", "CNTR", "CDPT"),
                "019ac9d27a107c418b2f3c4d5e6f7a81", "019ac9d27a107c418b2f3c4d5e6f7a81", null, null);
    }

    private static StatementView statement(String currency, String closing, String creditDebit, StatementEntry entry,
                                           boolean complete) {
        return statement(currency, closing, creditDebit, entry, complete, new StatementAuthorizations(0, "0.00"));
    }

    private static StatementView statement(String currency, String closing, String creditDebit, StatementEntry entry,
                                           boolean complete, StatementAuthorizations authorizations) {
        String zero = "KWD".equals(currency) ? "0.000" : "JPY".equals(currency) ? "0" : "0.00";
        String unsigned = closing.replace("-", "");
        boolean credit = "CRDT".equals(creditDebit);
        StatementSummary summary = new StatementSummary(1, credit ? 1 : 0, credit ? unsigned : zero, credit ? 0 : 1,
                credit ? zero : unsigned, closing);
        return new StatementView("20261130FR7612548000010000000000146", "019ad8a1c2e47d3a9f0b1c2d3e4f5a6b", TO,
                "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70", "FR7612548000010000000000146", currency, "Camille Martin", DAY,
                complete, FROM, TO, new StatementBalance(zero, "CRDT", DAY, FROM.minusNanos(1000)),
                new StatementBalance(closing, creditDebit, DAY, TO), summary, authorizations, List.of(entry));
    }
}
