package fr.backoffice.operation;

import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Ledgers.submit;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * An agent is a person of the bank: what an agent submits never executes in the submitting request, however small; it
 * waits in the unit's queue, its amount held, for another person (docs/operations-and-ledger.md
 * "Operations and the ledger").
 */
@QuarkusTest
class AgentSubmissionTest {

    @Test
    void an_agents_own_transfers_to_another_bank_wait_for_another_person_to_validate_them() {
        // the finding: an agent submitted 3 x 300.00 to an external IBAN, each EXECUTED, validatedBy null
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "1000.00");
        String agent = Tokens.agent(unit);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonPath op = submit(agent, Ledgers.externalTransfer(from, "300.00"));
            assertThat(op.getString("status")).isEqualTo("RECEIVED");
            assertThat(op.getString("validatedBy")).isNull();
            assertThat(op.getString("executedAt")).isNull();
            assertThat(op.getList("history.to")).containsExactly("RECEIVED");
            ids.add(op.getString("id"));
        }
        JsonPath account = Ledgers.account(from);
        assertThat(account.getString("ledgerBalance")).isEqualTo("1000.00");
        assertThat(account.getString("heldAmount")).isEqualTo("900.00");
        List<String> queued = Api.as(agent).queryParam("limit", 200).get("/units/{code}/queue", unit).then().statusCode(200)
                .extract().jsonPath().getList("items.operation.id");
        assertThat(queued).containsAll(ids);

        for (String id : ids) {
            assertProblem(Api.as(agent).post("/operations/{id}/validate", id), 403, "FOUR_EYES_VIOLATION");
        }
        String colleague = Tokens.token("colleague-" + unit, unit, Roles.AGENT);
        Api.as(colleague).post("/operations/{id}/validate", ids.get(0)).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")))
                .body(at("submittedBy", equalTo("agent-" + unit)))
                .body(at("validatedBy", equalTo("colleague-" + unit)));
        assertThat(Ledgers.balance(from)).isEqualTo("700.00");
        assertThat(Ledgers.account(from).getString("heldAmount")).isEqualTo("600.00");
    }

    @Test
    void every_kind_of_operation_an_agent_submits_waits_in_the_queue() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String other = Fixtures.currentAccount(unit);
        Ledgers.fund(account, "100.00");
        String agent = Tokens.agent(unit);
        List<Map<String, Object>> requests = List.of(
                Ledgers.transfer(account, other, "10.00"),
                Ledgers.cashDeposit(account, "10.00"),
                Map.of("type", "CASH_WITHDRAWAL", "amount", "10.00", "currency", "EUR", "debitAccountId", account),
                Map.of("type", "FEE", "amount", "1.20", "currency", "EUR", "debitAccountId", account, "vatRate", "20"));
        for (Map<String, Object> request : requests) {
            assertThat(submit(agent, request).getString("status")).as("%s", request.get("type")).isEqualTo("RECEIVED");
        }
        assertThat(Ledgers.balance(account)).isEqualTo("100.00");
        assertThat(Ledgers.balance(other)).isEqualTo("0.00");
    }

    @Test
    void an_agent_who_is_also_a_front_office_application_is_still_an_agent() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        String both = Tokens.token("agent-and-app-" + unit, unit, Roles.AGENT, Roles.FRONT_OFFICE);
        JsonPath op = submit(both, Ledgers.externalTransfer(from, "50.00"));
        assertThat(op.getString("status")).isEqualTo("RECEIVED");
        assertProblem(Api.as(both).post("/operations/{id}/validate", op.getString("id")), 403, "FOUR_EYES_VIOLATION");
    }

    @Test
    void the_front_office_still_executes_small_operations_straight_through() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "1000.00");
        JsonPath external = submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "300.00"));
        assertThat(external.getString("status")).isEqualTo("EXECUTED");
        JsonPath internal = submit(Tokens.frontOffice(), Ledgers.transfer(from, Fixtures.currentAccount(unit), "300.00"));
        assertThat(internal.getString("status")).isEqualTo("EXECUTED");
        assertThat(Ledgers.balance(from)).isEqualTo("400.00");
    }
}
