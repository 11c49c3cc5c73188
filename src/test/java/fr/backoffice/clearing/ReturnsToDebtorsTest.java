package fr.backoffice.clearing;

import fr.backoffice.clearing.Clearing.Return;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transfer the clearing gives back (README "Clearing and statements"): its file rejected, or returned by the
 * creditor's bank (pacs.004). Its money goes back to its debtor, and nothing derived from it can exceed a column.
 */
@QuarkusTest
class ReturnsToDebtorsTest {

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
}
