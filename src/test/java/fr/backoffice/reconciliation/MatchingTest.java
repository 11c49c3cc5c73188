package fr.backoffice.reconciliation;

import fr.backoffice.reconciliation.iso20022.CamtStatement;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The matching rules (docs/reconciliation.md "Matching rules") without the database: order, sides, ambiguity, PARTIAL. */
class MatchingTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    private static CamtStatement.Line line(String amount, String side, String e2e, String tx, String msg, String name, String iban,
                                           LocalDate value) {
        return new CamtStatement.Line("/x", new BigDecimal(amount), side, DAY, value, null, e2e, tx, msg, null, name, iban);
    }

    private static Matching.Entry entry(String amount, String type, String e2e, String reference, String incomingMsg,
                                        String name, String iban, LocalDate value) {
        return new Matching.Entry(UUID.randomUUID(), new BigDecimal(amount), value, type, "00", e2e, null, reference,
                incomingMsg, null, name, iban);
    }

    @Test
    void a_reference_whose_entries_have_another_amount_leaves_the_line_partial_with_them_as_candidates() {
        Matching.Entry settlement = entry("200.00", "CLEARING_SETTLEMENT", null, "BO-1", null, null, null, DAY);
        Matching.Outcome outcome = Matching.match(List.of(line("199.00", "DBIT", null, null, "BO-1", null, null, DAY)),
                List.of(settlement), Map.of(), 2);
        assertThat(outcome.stateOf(0)).isEqualTo(LineState.PARTIAL);
        assertThat(outcome.partials().get(0).rule()).isEqualTo(MatchRule.MESSAGE_ID);
        assertThat(outcome.partials().get(0).candidates()).containsExactly(settlement.id());
    }

    @Test
    void the_banks_credit_is_our_debit_and_an_entry_on_the_same_side_never_matches() {
        Matching.Entry credit = entry("50.00", "INCOMING_TRANSFER", "E1", null, null, null, null, DAY);
        Matching.Entry debit = entry("-50.00", "INCOMING_TRANSFER", "E1", null, null, null, null, DAY);
        Matching.Outcome outcome = Matching.match(List.of(line("50.00", "CRDT", "E1", null, null, null, null, DAY)),
                List.of(credit, debit), Map.of(), 2);
        assertThat(outcome.matches()).singleElement().satisfies(m -> {
            assertThat(m.rule()).isEqualTo(MatchRule.END_TO_END_ID);
            assertThat(m.entries()).containsExactly(debit.id());
        });
    }

    @Test
    void amount_date_and_counterparty_match_only_one_entry_within_the_tolerance() {
        Matching.Entry near = entry("-77.00", "INCOMING_TRANSFER", "NOTPROVIDED", null, null, "Initech", "DE75512108001245126199", DAY.plusDays(2));
        Matching.Entry far = entry("-77.00", "INCOMING_TRANSFER", "NOTPROVIDED", null, null, "Initech", "DE75512108001245126199", DAY.plusDays(3));
        CamtStatement.Line byIban = line("77.00", "CRDT", "NOTPROVIDED", null, null, null, "DE75512108001245126199", DAY);
        assertThat(Matching.match(List.of(byIban), List.of(near, far), Map.of(), 2).matches())
                .singleElement().satisfies(m -> assertThat(m.entries()).containsExactly(near.id()));
        // two entries qualify: ambiguous, nothing is guessed
        Matching.Entry twin = entry("-77.00", "INCOMING_TRANSFER", "NOTPROVIDED", null, null, "Initech", "DE75512108001245126199", DAY);
        assertThat(Matching.match(List.of(byIban), List.of(near, twin), Map.of(), 2).stateOf(0)).isEqualTo(LineState.UNMATCHED);
        // by name, case aside, when the line gives no IBAN; a line without a counterparty is not matched by this rule
        assertThat(Matching.match(List.of(line("77.00", "CRDT", null, null, null, "INITECH", null, DAY)), List.of(near), Map.of(), 2)
                .stateOf(0)).isEqualTo(LineState.MATCHED);
        assertThat(Matching.match(List.of(line("77.00", "CRDT", null, null, null, null, null, DAY)), List.of(near), Map.of(), 2)
                .stateOf(0)).isEqualTo(LineState.UNMATCHED);
    }

    @Test
    void an_entry_is_taken_once_and_the_earlier_rule_wins() {
        Matching.Entry one = entry("-10.00", "INCOMING_TRANSFER", "E1", null, "M1", "Acme", "DE89370400440532013000", DAY);
        Matching.Outcome outcome = Matching.match(List.of(
                line("10.00", "CRDT", null, null, null, "Acme", "DE89370400440532013000", DAY),
                line("10.00", "CRDT", "E1", null, null, null, null, DAY)), List.of(one), Map.of(), 2);
        assertThat(outcome.stateOf(1)).isEqualTo(LineState.MATCHED);
        assertThat(outcome.stateOf(0)).isEqualTo(LineState.UNMATCHED);
        assertThat(outcome.matches()).singleElement().satisfies(m -> assertThat(m.rule()).isEqualTo(MatchRule.END_TO_END_ID));
    }
}
