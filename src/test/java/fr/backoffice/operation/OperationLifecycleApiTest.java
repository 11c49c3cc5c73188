package fr.backoffice.operation;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.service.ScheduledExecutions;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Ledgers.submit;
import static fr.backoffice.support.Ledgers.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The operations' lifecycle, through HTTP: queue, claim, validate, approve, reject, cancel, schedule. */
@QuarkusTest
class OperationLifecycleApiTest {

    @Inject
    ScheduledExecutions scheduler;

    @Inject
    AgroalDataSource database;

    @Inject
    TimeSource realTime;

    @Test
    void a_small_transfer_for_today_executes_straight_through() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "300.00");

        JsonPath op = submit(Tokens.frontOffice(), transfer(from, to, "120.50"));

        assertThat(op.getString("status")).isEqualTo("EXECUTED");
        assertThat(op.getString("executedAt")).isNotNull();
        assertThat(op.getList("history.to")).containsExactly("RECEIVED", "EXECUTED");
        assertThat(Ledgers.balance(from)).isEqualTo("179.50");
        assertThat(Ledgers.balance(to)).isEqualTo("120.50");
        assertThat(Ledgers.account(from).getString("heldAmount")).isEqualTo("0.00");
    }

    @Test
    void a_large_transfer_waits_in_the_queue_with_its_amount_held_then_an_agent_validates_it() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "3000.00");

        JsonPath op = submit(Tokens.frontOffice(), transfer(from, to, "2500.00"));
        String id = op.getString("id");
        assertThat(op.getString("status")).isEqualTo("RECEIVED");
        JsonPath account = Ledgers.account(from);
        assertThat(account.getString("ledgerBalance")).isEqualTo("3000.00");
        assertThat(account.getString("heldAmount")).isEqualTo("2500.00");
        assertThat(account.getString("availableBalance")).isEqualTo("500.00");

        Api.as(Tokens.agent(unit)).get("/units/{code}/queue", unit).then().statusCode(200)
                .body(at("items", hasSize(1)))
                .body(at("items[0].operation.id", equalTo(id)))
                .body(at("items[0].dueAt", notNullValue()));

        Api.as(Tokens.agent(unit)).post("/operations/{id}/claim", id).then().statusCode(200)
                .body(at("assignee", equalTo("agent-" + unit)));
        Api.as(Tokens.token("other-agent", unit, "agent")).post("/operations/{id}/validate", id).then().statusCode(409)
                .body(at("code", equalTo("ALREADY_CLAIMED")));
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")))
                .body(at("validatedBy", equalTo("agent-" + unit)))
                .body(at("assignee", nullValue()));

        assertThat(Ledgers.balance(from)).isEqualTo("500.00");
        assertThat(Ledgers.account(from).getString("heldAmount")).isEqualTo("0.00");
        assertThat(Ledgers.balance(to)).isEqualTo("2500.00");
        Api.as(Tokens.agent(unit)).get("/units/{code}/queue", unit).then().statusCode(200).body(at("items", hasSize(0)));
    }

    @Test
    void an_operation_validated_after_its_day_is_valued_on_the_business_day_it_executes() throws Exception {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "3000.00");
        String id = submit(Tokens.frontOffice(), transfer(from, to, "2500.00")).getString("id");
        // as if it had been submitted ten days ago and waited in the queue since
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("update operation set received_at = received_at - interval '10 days', "
                    + "requested_execution_date = requested_execution_date - 10, value_date = value_date - 10 where id = '" + id + "'");
        }

        String executedOn = BusinessCalendar.onOrAfter(LocalDate.now(ZoneId.of("Europe/Paris"))).toString();
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED"))).body(at("valueDate", equalTo(executedOn)));
        Api.as(Tokens.auditor()).get("/accounts/{id}/entries", to).then().statusCode(200)
                .body(at("items[0].valueDate", equalTo(executedOn)));
    }

    @Test
    void from_the_approval_threshold_a_second_supervisor_approves_after_validation() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "12000.00");
        String id = submit(Tokens.frontOffice(), transfer(from, to, "10000.00")).getString("id");

        String validator = "supervisor-validator";
        Api.as(Tokens.token(validator, unit, "supervisor")).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("PENDING_APPROVAL"))).body(at("requiresApproval", equalTo(true)));
        Api.as(Tokens.agent(unit)).post("/operations/{id}/approve", id).then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
        Api.as(Tokens.token(validator, unit, "supervisor")).post("/operations/{id}/approve", id).then().statusCode(403)
                .body(at("code", equalTo("FOUR_EYES_VIOLATION")));
        Api.as(Tokens.token("supervisor-approver", unit, "supervisor")).post("/operations/{id}/approve", id).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")))
                .body(at("approvedBy", equalTo("supervisor-approver")))
                .body(at("history.to", equalTo(java.util.List.of("RECEIVED", "PENDING_APPROVAL", "EXECUTED"))));
        assertThat(Ledgers.balance(to)).isEqualTo("10000.00");
    }

    @Test
    void an_action_retried_with_its_idempotency_key_replays_the_first_answer() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "2000.00");
        String id = submit(Tokens.frontOffice(), transfer(from, to, "1500.00")).getString("id");
        String key = "validate-" + id;

        JsonPath first = Api.as(Tokens.agent(unit)).header("Idempotency-Key", key).post("/operations/{id}/validate", id)
                .then().statusCode(200).body(at("status", equalTo("EXECUTED"))).extract().jsonPath();
        Api.as(Tokens.agent(unit)).header("Idempotency-Key", key).post("/operations/{id}/validate", id)
                .then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body(at("status", equalTo("EXECUTED")))
                .body(at("version", equalTo(first.getInt("version"))));
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(409)
                .body(at("code", equalTo("INVALID_TRANSITION")));
        Api.as(Tokens.agent(unit)).header("Idempotency-Key", key).post("/operations/{id}/claim", id).then().statusCode(422)
                .body(at("code", equalTo("IDEMPOTENCY_KEY_REUSED")));
        assertThat(Ledgers.balance(to)).isEqualTo("1500.00");
    }

    @Test
    void the_submitter_never_validates_nor_approves_their_own_operation() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "2000.00");
        String agent = Tokens.agent(unit);
        String id = submit(agent, transfer(from, to, "1500.00")).getString("id");

        Api.as(agent).post("/operations/{id}/validate", id).then().statusCode(403).body(at("code", equalTo("FOUR_EYES_VIOLATION")));
        Api.as(Tokens.admin()).get("/operations/{id}", id).then().body(at("status", equalTo("RECEIVED")));
    }

    @Test
    void a_rejection_carries_a_reason_code_and_releases_the_hold() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "2000.00");
        String id = submit(Tokens.frontOffice(), transfer(from, Fixtures.currentAccount(unit), "1500.00")).getString("id");

        Api.as(Tokens.agent(unit)).body(Map.of("reasonCode", "SUSPECTED_FRAUD", "comment", "Unusual beneficiary"))
                .post("/operations/{id}/reject", id).then().statusCode(200)
                .body(at("status", equalTo("REJECTED")))
                .body(at("reasonCode", equalTo("SUSPECTED_FRAUD")))
                .body(at("reasonComment", equalTo("Unusual beneficiary")));
        assertThat(Ledgers.account(from).getString("availableBalance")).isEqualTo("2000.00");

        Api.as(Tokens.agent(unit)).body(Map.of("reasonCode", "OTHER")).post("/operations/{id}/reject", id)
                .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(409)
                .body(at("code", equalTo("INVALID_TRANSITION")));
        Api.invalidRequestAs(Tokens.agent(unit)).body(Map.of("reasonCode", "BECAUSE")).post("/operations/{id}/reject", id)
                .then().statusCode(400);
    }

    @Test
    void the_front_office_cancels_before_execution_but_not_after() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "2000.00");
        String waiting = submit(Tokens.frontOffice(), transfer(from, to, "1500.00")).getString("id");
        String executed = submit(Tokens.frontOffice(), transfer(from, to, "10.00")).getString("id");

        Api.as(Tokens.agent(unit)).post("/operations/{id}/cancel", waiting).then().statusCode(403);
        Api.as(Tokens.frontOffice()).post("/operations/{id}/cancel", waiting).then().statusCode(200)
                .body(at("status", equalTo("CANCELLED")));
        Api.as(Tokens.frontOffice()).post("/operations/{id}/cancel", executed).then().statusCode(409)
                .body(at("code", equalTo("INVALID_TRANSITION")));
        assertThat(Ledgers.account(from).getString("availableBalance")).isEqualTo("1990.00");
    }

    @Test
    void an_operation_for_a_later_date_is_scheduled_and_executed_by_the_service_on_its_value_date() throws Throwable {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "500.00");
        LocalDate today = realTime.today();
        // the first Saturday after next week: its value date is the Monday after
        LocalDate saturday = today.plusDays(7);
        while (saturday.getDayOfWeek() != java.time.DayOfWeek.SATURDAY) {
            saturday = saturday.plusDays(1);
        }
        Map<String, Object> request = transfer(from, to, "200.00");
        request.put("requestedExecutionDate", saturday.toString());
        JsonPath op = submit(Tokens.frontOffice(), request);
        String id = op.getString("id");
        LocalDate valueDate = LocalDate.parse(op.getString("valueDate"));
        assertThat(valueDate).isEqualTo(BusinessCalendar.onOrAfter(saturday)).isAfter(saturday);
        assertThat(op.getString("status")).isEqualTo("RECEIVED");

        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("SCHEDULED")));
        assertThat(VertxContextSupport.subscribeAndAwait(() -> scheduler.runDue())).isGreaterThanOrEqualTo(0);
        Api.as(Tokens.admin()).get("/operations/{id}", id).then().body(at("status", equalTo("SCHEDULED")));

        QuarkusMock.installMockForType(new FixedTime(valueDate), TimeSource.class);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> scheduler.runDue())).isGreaterThanOrEqualTo(1);
        Api.as(Tokens.admin()).get("/operations/{id}", id).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")))
                .body(at("history[-1].actor", equalTo(ScheduledExecutions.ACTOR)));
        Api.as(Tokens.admin()).get("/accounts/{id}/entries", to).then().statusCode(200)
                .body(at("items[0].valueDate", equalTo(valueDate.toString())));
        assertThat(Ledgers.balance(to)).isEqualTo("200.00");
    }

    @Test
    void a_scheduled_operation_that_fails_to_execute_is_postponed_without_holding_up_the_others() throws Throwable {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "500.00");
        LocalDate later = realTime.today().plusDays(20);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> request = transfer(from, to, "10.00");
            request.put("requestedExecutionDate", later.toString());
            String id = submit(Tokens.frontOffice(), request).getString("id");
            Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                    .body(at("status", equalTo("SCHEDULED")));
            ids.add(id);
        }
        String failing = ids.get(0);
        String other = ids.get(1);
        // the first one due cannot be booked: a technical failure, not a business refusal
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create function test_refuse_entry() returns trigger language plpgsql as $$ "
                    + "begin raise exception 'disk on fire'; end $$");
            sql.execute("create trigger test_refuse_entry before insert on ledger_entry for each row "
                    + "when (new.operation_id = '" + failing + "') execute function test_refuse_entry()");
        }
        try {
            QuarkusMock.installMockForType(new FixedTime(BusinessCalendar.onOrAfter(later)), TimeSource.class);
            VertxContextSupport.subscribeAndAwait(() -> scheduler.runDue());
            Api.as(Tokens.admin()).get("/operations/{id}", other).then().body(at("status", equalTo("EXECUTED")));
            Api.as(Tokens.admin()).get("/operations/{id}", failing).then().body(at("status", equalTo("SCHEDULED")));
            // not tried again before its back-off has passed
            VertxContextSupport.subscribeAndAwait(() -> scheduler.runDue());
            try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                 var row = sql.executeQuery("select execution_attempts, next_attempt_at > now() from operation where id = '"
                         + failing + "'")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(1);
                assertThat(row.getBoolean(2)).isTrue();
            }
        } finally {
            try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("drop trigger test_refuse_entry on ledger_entry");
                sql.execute("drop function test_refuse_entry()");
                sql.execute("update operation set next_attempt_at = now() - interval '1 second' where id = '" + failing + "'");
            }
        }
        // once its back-off has passed, it executes
        VertxContextSupport.subscribeAndAwait(() -> scheduler.runDue());
        Api.as(Tokens.admin()).get("/operations/{id}", failing).then().body(at("status", equalTo("EXECUTED")));
    }

    @Test
    void a_scheduled_operation_an_account_refuses_on_its_date_goes_back_to_the_queue_and_the_others_execute() throws Throwable {
        String unit = Fixtures.unit();
        String frozen = Fixtures.currentAccount(unit);
        String open = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(frozen, "500.00");
        Ledgers.fund(open, "500.00");
        LocalDate later = realTime.today().plusDays(30);
        List<String> ids = new ArrayList<>();
        for (String from : List.of(frozen, open)) {
            Map<String, Object> request = transfer(from, to, "40.00");
            request.put("requestedExecutionDate", later.toString());
            String id = submit(Tokens.frontOffice(), request).getString("id");
            Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                    .body(at("status", equalTo("SCHEDULED")));
            ids.add(id);
        }
        String returned = ids.get(0);
        Api.as(Tokens.agent(unit)).body(Map.of("reason", "Court order")).post("/accounts/{id}/freeze", frozen)
                .then().statusCode(200);

        QuarkusMock.installMockForType(new FixedTime(BusinessCalendar.onOrAfter(later)), TimeSource.class);
        VertxContextSupport.subscribeAndAwait(() -> scheduler.runDue());

        Api.as(Tokens.admin()).get("/operations/{id}", ids.get(1)).then().body(at("status", equalTo("EXECUTED")));
        Api.as(Tokens.admin()).get("/operations/{id}", returned).then().statusCode(200)
                .body(at("status", equalTo("RECEIVED")))
                .body(at("reasonCode", equalTo("ACCOUNT_FROZEN")))
                .body(at("assignee", nullValue()))
                .body(at("history[-1].from", equalTo("SCHEDULED")))
                .body(at("history[-1].actor", equalTo(ScheduledExecutions.ACTOR)))
                .body(at("history[-1].reason", org.hamcrest.Matchers.containsString("ACCOUNT_FROZEN")));
        JsonPath account = Ledgers.account(frozen);
        assertThat(account.getString("ledgerBalance")).isEqualTo("500.00");
        assertThat(account.getString("heldAmount")).as("still held while it waits").isEqualTo("40.00");
        Api.as(Tokens.agent(unit)).get("/units/{code}/queue", unit).then().statusCode(200)
                .body(at("items.operation.id", org.hamcrest.Matchers.hasItem(returned)));
        List<Map<String, Object>> events = Api.as(Tokens.auditor()).queryParam("types", "operation.returned")
                .queryParam("limit", 200).get("/events").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(events).anySatisfy(event -> {
            assertThat(((Map<?, ?>) event.get("resource")).get("id")).isEqualTo(returned);
            assertThat(((Map<?, ?>) event.get("data")).get("reasonCode")).isEqualTo("ACCOUNT_FROZEN");
        });

        // a person decides: once the account is unfrozen, validated again, it executes
        Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Order lifted")).post("/accounts/{id}/unfreeze", frozen)
                .then().statusCode(200);
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", returned).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")))
                .body(at("reasonCode", nullValue()));
        JsonPath after = Ledgers.account(frozen);
        assertThat(after.getString("ledgerBalance")).isEqualTo("460.00");
        assertThat(after.getString("heldAmount")).isEqualTo("0.00");
    }

    @Test
    void a_debit_refused_at_execution_time_rejects_the_operation_with_the_reason() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "2000.00");
        String id = submit(Tokens.frontOffice(), transfer(from, Fixtures.currentAccount(unit), "1500.00")).getString("id");
        Api.as(Tokens.agent(unit)).body(Map.of("reason", "Court order")).post("/accounts/{id}/freeze", from)
                .then().statusCode(200);

        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("REJECTED")))
                .body(at("reasonCode", equalTo("ACCOUNT_FROZEN")));
        JsonPath account = Ledgers.account(from);
        assertThat(account.getString("ledgerBalance")).isEqualTo("2000.00");
        assertThat(account.getString("heldAmount")).isEqualTo("0.00");
    }

    @Test
    void agents_and_supervisors_only_see_and_act_on_their_own_unit() {
        String unit = Fixtures.unit();
        String elsewhere = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "2000.00");
        String id = submit(Tokens.frontOffice(), transfer(from, Fixtures.currentAccount(unit), "1500.00")).getString("id");

        Api.as(Tokens.agent(elsewhere)).get("/operations/{id}", id).then().statusCode(404);
        Api.as(Tokens.agent(elsewhere)).post("/operations/{id}/validate", id).then().statusCode(403);
        Api.as(Tokens.supervisor(elsewhere)).get("/units/{code}/queue", unit).then().statusCode(403);
        Api.as(Tokens.agent(elsewhere)).get("/operations").then().statusCode(200)
                .body(at("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id))));
        Api.as(Tokens.agent(elsewhere)).header("Idempotency-Key", "x-" + id)
                .body(transfer(from, Fixtures.currentAccount(unit), "10.00")).post("/operations").then().statusCode(422)
                .body(at("code", equalTo("UNKNOWN_ACCOUNT")));
        Api.as(Tokens.auditor()).get("/operations/{id}", id).then().statusCode(200);
        Api.as(Tokens.auditor()).post("/operations/{id}/validate", id).then().statusCode(403);
    }

    @Test
    void operations_are_listed_with_filters() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "2000.00");
        submit(Tokens.frontOffice(), transfer(from, to, "1500.00"));
        submit(Tokens.frontOffice(), transfer(from, to, "5.00"));

        Api.as(Tokens.agent(unit)).queryParam("accountId", from).queryParam("type", "TRANSFER").get("/operations")
                .then().statusCode(200).body(at("items", hasSize(2)));
        Api.as(Tokens.agent(unit)).queryParam("accountId", from).queryParam("status", "RECEIVED").get("/operations")
                .then().statusCode(200).body(at("items", hasSize(1))).body(at("items[0].amount", equalTo("1500.00")));
        Api.as(Tokens.agent(unit)).queryParam("accountId", from).queryParam("limit", 1).get("/operations")
                .then().statusCode(200).body(at("items", hasSize(1))).body(at("nextCursor", notNullValue()));
        Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("from", Instant.now().plusSeconds(3600).toString())
                .get("/operations").then().statusCode(200).body(at("items", hasSize(0)));
        Api.invalidRequestAs(Tokens.admin()).queryParam("status", "DONE").get("/operations").then().statusCode(400);
        Api.invalidRequestAs(Tokens.admin()).queryParam("from", "yesterday").get("/operations").then().statusCode(400);
    }

    /** The service's clock set to a business date of the test's choosing. */
    static class FixedTime extends TimeSource {
        private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
        private final LocalDate today;

        FixedTime(LocalDate today) {
            this.today = today;
        }

        @Override
        public ZoneId businessZone() {
            return PARIS;
        }

        @Override
        public LocalDate today() {
            return today;
        }

        @Override
        public Instant now() {
            return today.atTime(10, 0).atZone(PARIS).toInstant();
        }
    }
}
