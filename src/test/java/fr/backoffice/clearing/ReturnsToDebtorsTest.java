package fr.backoffice.clearing;

import fr.backoffice.clearing.Clearing.Return;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transfer the clearing gives back (docs/clearing-and-statements.md "Clearing and statements"): its file rejected, or
 * returned by the creditor's bank (pacs.004). Its money goes back to its debtor, and nothing derived from it can exceed
 * a column.
 */
@QuarkusTest
class ReturnsToDebtorsTest {

    @Inject
    AgroalDataSource database;

    /** 140 characters, the most a label may have. */
    private static final String LONGEST_LABEL = ("Loyer et charges du mois de décembre 2026, appartement 12, "
            + "résidence Les Érables, 14 rue des Lilas, 75020 Paris, référence bail 2019-0042 ").repeat(2).substring(0, 140);

    @Test
    void a_rejected_file_gives_back_a_transfer_whose_label_is_as_long_as_a_label_may_be() {
        Clearing.drain();
        String from = Fixtures.currentAccount(Fixtures.unit());
        Ledgers.fund(from, "100.00");
        assertThat(LONGEST_LABEL).hasSize(140);
        String transfer = Clearing.externalTransfer(from, "70.00", "Dupont SARL", null, LONGEST_LABEL).getString("id");
        JsonPath file = Clearing.closeFile();

        Clearing.acknowledge(file.getString("id"), Map.of("outcome", "REJECTED", "reason", "R".repeat(500)))
                .then().statusCode(200);

        JsonPath returned = Clearing.operation(transfer);
        assertThat(returned.getString("status")).isEqualTo("RETURNED");
        assertThat(returned.getString("reasonComment")).hasSizeLessThanOrEqualTo(500);
        JsonPath refund = Clearing.operation(returned.getString("reversedBy"));
        assertThat(refund.getString("label")).hasSize(140).startsWith("Returned (NARR): Loyer et charges");
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");
    }

    @Test
    void a_pacs004_returns_a_transfer_whose_label_is_as_long_as_a_label_may_be() {
        Clearing.drain();
        String from = Fixtures.currentAccount(Fixtures.unit());
        Ledgers.fund(from, "100.00");
        JsonPath transfer = Clearing.externalTransfer(from, "70.00", "Dupont SARL", null, LONGEST_LABEL);
        JsonPath file = Clearing.closeFile();
        Clearing.acknowledge(file.getString("id"), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        String message = Clearing.pacs004("RTR-" + UUID.randomUUID().toString().substring(0, 8), List.of(
                new Return(file.getString("messageId"), transfer.getString("id").replace("-", ""),
                        transfer.getString("id").replace("-", ""), "70.00", "AC04")));

        JsonPath report = Clearing.post("/payment-files/returns", message, Tokens.admin()).then().statusCode(200)
                .extract().jsonPath();

        assertThat(report.getList("operationIds", String.class)).containsExactly(transfer.getString("id"));
        JsonPath refund = Clearing.operation(Clearing.operation(transfer.getString("id")).getString("reversedBy"));
        assertThat(refund.getString("label")).hasSize(140).startsWith("Returned (AC04): Loyer et charges");
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");
    }

    /**
     * Finding 10 of issue 18: an account closed at zero after its transfer was filed made the rejection of the whole
     * file of 7 transfers fail (422 ACCOUNT_CLOSED): nobody was refunded. Now that transfer's money goes to the unit's
     * suspense account, listed in the answer, and the six others go back to their debtor. (Closing such an account
     * is refused now; the account here was closed before that rule, in SQL.)
     */
    @Test
    void a_closed_debtor_account_never_blocks_a_rejected_file_its_money_goes_to_the_units_suspense_account() throws SQLException {
        Clearing.drain();
        String unit = Fixtures.unit();
        String open = Fixtures.currentAccount(unit);
        String closing = Fixtures.currentAccount(unit);
        Ledgers.fund(open, "700.00");
        Ledgers.fund(closing, "50.00");
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            others.add(Clearing.externalTransfer(open, "100.00", "Creditor " + i, null).getString("id"));
        }
        String closedDebtor = Clearing.externalTransfer(closing, "50.00", "Dupont SARL", null).getString("id");
        JsonPath file = Clearing.closeFile();
        assertThat(file.getInt("numberOfTransactions")).isEqualTo(7);
        closeInSql(closing);

        JsonPath rejected = Clearing.acknowledge(file.getString("id"), Map.of("outcome", "REJECTED", "reason", "Bad file"))
                .then().statusCode(200).extract().jsonPath();

        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getList("refundedToSuspense", String.class)).containsExactly(closedDebtor);
        assertThat(Ledgers.balance(open)).isEqualTo("700.00");
        assertThat(Ledgers.account(closing).getString("status")).isEqualTo("CLOSED");
        assertThat(Ledgers.balance(closing)).isEqualTo("0.00");
        assertThat(Clearing.internalBalance(unit, "Suspense")).isEqualTo("50.00");
        assertThat(Clearing.internalBalance(unit, "Outgoing transfers")).isEqualTo("0.00");
        for (String transfer : others) {
            assertThat(Clearing.operation(transfer).getString("status")).isEqualTo("RETURNED");
        }
        JsonPath returned = Clearing.operation(closedDebtor);
        assertThat(returned.getString("status")).isEqualTo("RETURNED");
        assertThat(returned.getString("reasonComment")).contains("suspense");
        JsonPath refund = Clearing.operation(returned.getString("reversedBy"));
        assertThat(refund.getString("creditAccountId")).isNotEqualTo(closing);
        assertThat(Ledgers.account(refund.getString("creditAccountId")).getString("holder.name")).startsWith("Suspense " + unit);
        assertThat(Api.as(Tokens.auditor()).get("/payment-files/{id}", file.getString("id")).then().statusCode(200)
                .extract().jsonPath().getList("refundedToSuspense", String.class)).containsExactly(closedDebtor);
        assertThat(Api.as(Tokens.auditor()).get("/ledger/verify").then().statusCode(200).extract().jsonPath()
                .getInt("differences")).isZero();
    }

    @Test
    void a_transaction_a_status_report_rejects_whose_debtor_account_was_closed_goes_to_the_units_suspense_account() throws SQLException {
        Clearing.drain();
        String unit = Fixtures.unit();
        String open = Fixtures.currentAccount(unit);
        String closing = Fixtures.currentAccount(unit);
        Ledgers.fund(open, "100.00");
        Ledgers.fund(closing, "30.00");
        JsonPath kept = Clearing.externalTransfer(open, "100.00", "Martin SA", null);
        JsonPath closedDebtor = Clearing.externalTransfer(closing, "30.00", "Dupont SARL", null);
        JsonPath file = Clearing.closeFile();
        closeInSql(closing);
        String report = Clearing.pacs002("CSM-" + UUID.randomUUID().toString().substring(0, 12), file.getString("messageId"),
                "PART", null, List.of(new Clearing.TxStatus(null, closedDebtor.getString("id").replace("-", ""), "RJCT", "AC04")));

        JsonPath outcome = Clearing.postStatusReport(report).then().statusCode(200).extract().jsonPath();

        assertThat(outcome.getString("file.status")).isEqualTo("PARTIALLY_ACCEPTED");
        assertThat(outcome.getList("refundedToSuspense", String.class)).containsExactly(closedDebtor.getString("id"));
        assertThat(outcome.getList("file.refundedToSuspense", String.class)).containsExactly(closedDebtor.getString("id"));
        assertThat(outcome.getList("accepted", String.class)).containsExactly(kept.getString("id"));
        assertThat(Clearing.internalBalance(unit, "Suspense")).isEqualTo("30.00");
        assertThat(Ledgers.balance(closing)).isEqualTo("0.00");
        assertThat(Clearing.operation(closedDebtor.getString("id")).getString("returnReason")).isEqualTo("AC04");
    }

    @Test
    void a_pacs004_return_to_a_debtor_account_closed_since_goes_to_the_units_suspense_account() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "80.00");
        JsonPath transfer = Clearing.externalTransfer(from, "80.00", "Dupont SARL", null);
        JsonPath file = Clearing.closeFile();
        Clearing.acknowledge(file.getString("id"), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        // settled, so the account may close
        Api.as(Tokens.agent(unit)).post("/accounts/{id}/close", from).then().statusCode(200);
        String message = Clearing.pacs004("RTR-" + UUID.randomUUID().toString().substring(0, 8), List.of(
                new Return(file.getString("messageId"), transfer.getString("id").replace("-", ""),
                        transfer.getString("id").replace("-", ""), "80.00", "AC04")));

        JsonPath report = Clearing.post("/payment-files/returns", message, Tokens.admin()).then().statusCode(200)
                .extract().jsonPath();

        assertThat(report.getList("operationIds", String.class)).containsExactly(transfer.getString("id"));
        assertThat(report.getList("refundedToSuspense", String.class)).containsExactly(transfer.getString("id"));
        assertThat(report.getList("unmatched")).isEmpty();
        assertThat(Ledgers.balance(from)).isEqualTo("0.00");
        assertThat(Clearing.internalBalance(unit, "Suspense")).isEqualTo("80.00");
        assertThat(Clearing.internalBalance(unit, "Clearing settlement")).isEqualTo("0.00");
        assertThat(Clearing.operation(transfer.getString("id")).getString("returnReason")).isEqualTo("AC04");
    }

    @Test
    void closing_an_account_with_an_external_transfer_not_yet_settled_is_refused() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "30.00");
        Clearing.externalTransfer(from, "30.00", "Dupont SARL", null);
        assertThat(Ledgers.balance(from)).isEqualTo("0.00");

        // waiting for a file
        assertProblem(Api.as(Tokens.agent(unit)).post("/accounts/{id}/close", from), 422, "UNSETTLED_EXTERNAL_TRANSFER");
        JsonPath file = Clearing.closeFile();
        // in a file the clearing system has not answered
        assertProblem(Api.as(Tokens.agent(unit)).post("/accounts/{id}/close", from), 422, "UNSETTLED_EXTERNAL_TRANSFER");
        assertThat(Ledgers.account(from).getString("status")).isEqualTo("ACTIVE");

        Clearing.acknowledge(file.getString("id"), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.as(Tokens.agent(unit)).post("/accounts/{id}/close", from).then().statusCode(200);
    }

    /** Closes an account as an operator could before the service refused it (or in a copy of older data). */
    private void closeInSql(String account) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement close = connection.prepareStatement("""
                     update account set status = 'CLOSED', closed_at = now(), status_changed_at = now(),
                            status_changed_by = 'operator', status_reason = 'closed in SQL', version = version + 1
                     where id = ?::uuid and ledger_balance = 0 and held_amount = 0""")) {
            close.setString(1, account);
            assertThat(close.executeUpdate()).isEqualTo(1);
        }
    }
}
