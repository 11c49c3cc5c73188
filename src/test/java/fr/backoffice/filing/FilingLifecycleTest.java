package fr.backoffice.filing;

import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.filing.FilingApi.agent;
import static fr.backoffice.filing.FilingApi.annualContent;
import static fr.backoffice.filing.FilingApi.line;
import static fr.backoffice.filing.FilingApi.subOf;
import static fr.backoffice.filing.FilingApi.supervisor;
import static fr.backoffice.filing.FilingApi.vatContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A declaration from draft to the administration's answer, and what can no longer change once submitted. */
@QuarkusTest
class FilingLifecycleTest {

    @Inject
    AgroalDataSource database;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void a_vat_return_goes_from_draft_to_accepted_with_every_step_attributed() throws Exception {
        String declarantId = FilingApi.monthlyDeclarant();
        String preparer = FilingApi.person(Roles.AGENT);
        String validator = agent();
        String submitter = supervisor();

        // A draft: the service computes the VAT of each line and what is due
        Response created = FilingApi.create(preparer, "VAT_RETURN", declarantId, "2026-10-01", "2026-10-31",
                vatContent(List.of(line("20", 10_000), line("5.5", 105)), 1_200, null));
        created.then().statusCode(201)
                .header("ETag", "\"0\"")
                .body(at("status", equalTo("DRAFT")))
                .body(at("dueDate", equalTo("2026-11-19")))
                .body(at("computed.lines.vat", equalTo(List.of(2000, 6))))
                .body(at("computed.totalOutputVat", equalTo(2006)))
                .body(at("computed.totalDeductibleVat", equalTo(1200)))
                .body(at("computed.netVatDue", equalTo(806)))
                .body(at("computed.creditToCarryForward", equalTo(0)))
                .body(at("computed.creditCarriedForward.source", equalTo("NONE")))
                .body(at("checks.passed", equalTo(true)))
                .body(at("preparedBy", equalTo(subOf(preparer))))
                .body(at("validatedBy", nullValue()))
                .body(at("submission", nullValue()));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/filings/" + id);

        // The preparer corrects the draft; the computed figures follow
        Api.as(preparer).header("If-Match", "\"0\"")
                .body(vatContent(List.of(line("20", 10_000), line("10", 3_333), line("5.5", 105), line("2.1", 24)), 1_240, null))
                .put("/filings/{id}/content", id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body(at("computed.lines.vat", equalTo(List.of(2000, 333, 6, 1))))
                .body(at("computed.totalOutputVat", equalTo(2340)))
                .body(at("computed.netVatDue", equalTo(1100)));

        // An agent validates it
        FilingApi.validate(validator, id).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body(at("status", equalTo("VALIDATED")))
                .body(at("validatedBy", equalTo(subOf(validator))));

        // A third person, a supervisor, submits it: the document is frozen, digested and deposited
        JsonPath submitted = FilingApi.submit(submitter, id).then().statusCode(200)
                .body(at("status", equalTo("SUBMITTED")))
                .body(at("submittedBy", equalTo(subOf(submitter))))
                .body(at("submission.submittedAt", notNullValue()))
                .body(at("submission.digest", matchesPattern("[0-9a-f]{64}")))
                .body(at("submission.depositReference", matchesPattern("DEP-\\d{4}-\\d{8}")))
                .extract().jsonPath();
        String digest = submitted.getString("submission.digest");

        // The administration accepts it
        FilingApi.acknowledge(id, "ACCEPTED", null).then().statusCode(200)
                .body(at("status", equalTo("ACCEPTED")))
                .body(at("acknowledgement.outcome", equalTo("ACCEPTED")))
                .body(at("acknowledgement.administrationReference", equalTo("DGFIP-" + id.substring(30))))
                .body(at("acknowledgement.receivedAt", notNullValue()))
                .body(at("acknowledgement.recordedBy", equalTo("admin-1")))
                .body(at("submission.digest", equalTo(digest)));

        // Every transition is in the history, with who and when
        JsonPath filing = FilingApi.get(id);
        assertThat(filing.getList("history.action", String.class))
                .containsExactly("CREATED", "CONTENT_REPLACED", "VALIDATED", "SUBMITTED", "ACCEPTED");
        assertThat(filing.getList("history.actor", String.class)).containsExactly(subOf(preparer), subOf(preparer),
                subOf(validator), subOf(submitter), "admin-1");
        assertThat(filing.getList("history.to", String.class))
                .containsExactly("DRAFT", "DRAFT", "VALIDATED", "SUBMITTED", "ACCEPTED");
        assertThat(filing.getString("history[0].from")).isNull();
        assertThat(filing.getList("history.at")).doesNotContainNull();

        // The served document is exactly what was digested and deposited
        Response document = Api.as(Tokens.auditor()).get("/filings/{id}/document", id);
        document.then().statusCode(200).contentType("application/json");
        byte[] bytes = document.asByteArray();
        assertThat(sha256(bytes)).isEqualTo(digest);
        assertThat(document.header("Repr-Digest")).isEqualTo("sha-256=:"
                + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(digest)) + ":");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n", "\": ", ", \"", "{ ").startsWith("{\"computed\":{");
        JsonPath frozen = JsonPath.from(text);
        assertThat(frozen.getString("filingId")).isEqualTo(id);
        assertThat(frozen.getString("type")).isEqualTo("VAT_RETURN");
        assertThat(frozen.getInt("computed.netVatDue")).isEqualTo(1100);
        assertThat(frozen.getString("declarant.vatNumber")).startsWith("FR");
        assertThat(frozen.getString("submittedBy")).isEqualTo(subOf(submitter));

        byte[][] outbox = outboxEntry(id);
        assertThat(outbox[0]).isEqualTo(bytes);
        assertThat(new String(outbox[1], StandardCharsets.US_ASCII)).isEqualTo(submitted.getString("submission.depositReference"));
    }

    @Test
    void annual_accounts_go_from_draft_to_rejected_and_are_amended() {
        String declarantId = FilingApi.declarant("QUARTERLY", "06-30", null).getString("id");
        String id = FilingApi.create(agent(), "ANNUAL_ACCOUNTS", declarantId, "2024-07-01", "2025-06-30", annualContent(null))
                .then().statusCode(201)
                .body(at("dueDate", equalTo("2026-01-30")))
                .body(at("computed.liabilitiesAndEquity", equalTo(1_200_000)))
                .body(at("computed.balanceSheetDifference", equalTo(0)))
                .body(at("computed.netIncomeDifference", equalTo(0)))
                .body(at("computed.approvalDeadline", equalTo("2025-12-30")))
                .body(at("checks.passed", equalTo(false)))
                .extract().path("id");

        Api.as(Tokens.frontOffice()).header("If-Match", "\"0\"").body(annualContent("2025-11-15"))
                .put("/filings/{id}/content", id)
                .then().statusCode(200)
                .body(at("dueDate", equalTo("2025-12-15")))
                .body(at("checks.passed", equalTo(true)));

        FilingApi.validateAndSubmit(id);
        FilingApi.acknowledge(id, "REJECTED", "Balance sheet annex missing").then().statusCode(200)
                .body(at("status", equalTo("REJECTED")))
                .body(at("acknowledgement.outcome", equalTo("REJECTED")))
                .body(at("acknowledgement.reason", equalTo("Balance sheet annex missing")));

        Response amendment = Api.as(Tokens.frontOffice()).post("/filings/{id}/amend", id);
        amendment.then().statusCode(201)
                .body(at("status", equalTo("DRAFT")))
                .body(at("amends", equalTo(id)))
                .body(at("type", equalTo("ANNUAL_ACCOUNTS")))
                .body(at("periodStart", equalTo("2024-07-01")))
                .body(at("content.approvalDate", equalTo("2025-11-15")))
                .body(at("content.totalAssets", equalTo(1_200_000)))
                .body(at("preparedBy", equalTo("front-app-1")))
                .body(at("history", hasSize(1)));
        String amendmentId = amendment.path("id");
        assertThat(amendment.header("Location")).endsWith("/filings/" + amendmentId);

        JsonPath original = FilingApi.get(id);
        assertThat(original.getString("amendedBy")).isEqualTo(amendmentId);
        assertThat(original.getString("status")).isEqualTo("REJECTED");
        assertThat(original.getList("history.action", String.class)).endsWith("REJECTED", "AMENDED");

        // The amendment goes through the same lifecycle
        FilingApi.validateAndSubmit(amendmentId);
        FilingApi.acknowledge(amendmentId, "ACCEPTED", null).then().statusCode(200).body(at("status", equalTo("ACCEPTED")));
    }

    @Test
    void a_filing_is_amended_once_and_only_after_the_administrations_answer() {
        String declarantId = FilingApi.monthlyDeclarant();
        String id = FilingApi.draft("VAT_RETURN", declarantId, "2026-09-01", "2026-09-30",
                vatContent(List.of(line("20", 100)), 0, null)).getString("id");
        Api.as(agent()).post("/filings/{id}/amend", id).then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        FilingApi.validateAndSubmit(id);
        Api.as(agent()).post("/filings/{id}/amend", id).then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        FilingApi.acknowledge(id, "ACCEPTED", null).then().statusCode(200);

        String amendment = Api.as(agent()).post("/filings/{id}/amend", id).then().statusCode(201).extract().path("id");
        Api.as(Tokens.frontOffice()).post("/filings/{id}/amend", id).then().statusCode(409).body(at("code", equalTo("ALREADY_AMENDED")));
        assertThat(FilingApi.get(amendment).getString("amends")).isEqualTo(id);

        // an amendment is not a second live filing: FILING_EXISTS still guards the period against a fresh one
        FilingApi.create(Tokens.frontOffice(), "VAT_RETURN", declarantId, "2026-09-01", "2026-09-30",
                vatContent(List.of(), 0, null)).then().statusCode(409).body(at("code", equalTo("FILING_EXISTS")));
    }

    @Test
    void after_submission_nothing_changes_but_the_acknowledgement() throws Exception {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-08-01", "2026-08-31",
                vatContent(List.of(line("20", 5_000)), 300, null)).getString("id");
        FilingApi.validateAndSubmit(id);
        JsonPath before = FilingApi.get(id);
        byte[] document = Api.as(Tokens.auditor()).get("/filings/{id}/document", id).asByteArray();
        String etag = "\"" + before.getLong("version") + "\"";

        Api.as(Tokens.frontOffice()).header("If-Match", etag).body(vatContent(List.of(line("20", 9_999)), 0, null))
                .put("/filings/{id}/content", id)
                .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        FilingApi.validate(agent(), id).then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        FilingApi.submit(supervisor(), id).then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));

        JsonPath after = FilingApi.get(id);
        assertThat(after.getMap("")).isEqualTo(before.getMap(""));

        FilingApi.acknowledge(id, "ACCEPTED", null).then().statusCode(200);
        FilingApi.acknowledge(id, "REJECTED", "too late").then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        Api.as(Tokens.frontOffice()).header("If-Match", "\"" + FilingApi.get(id).getLong("version") + "\"")
                .body(vatContent(List.of(), 0, null)).put("/filings/{id}/content", id)
                .then().statusCode(409);

        JsonPath acknowledged = FilingApi.get(id);
        assertThat(acknowledged.getMap("content")).isEqualTo(before.getMap("content"));
        assertThat(acknowledged.getMap("computed")).isEqualTo(before.getMap("computed"));
        assertThat(acknowledged.getMap("submission")).isEqualTo(before.getMap("submission"));
        assertThat(acknowledged.getString("validatedBy")).isEqualTo(before.getString("validatedBy"));
        assertThat(Api.as(Tokens.auditor()).get("/filings/{id}/document", id).asByteArray()).isEqualTo(document);
    }

    @Test
    void four_eyes_the_preparer_and_the_validator_cannot_submit() {
        String preparer = FilingApi.person(Roles.AGENT, Roles.SUPERVISOR);
        String validator = FilingApi.person(Roles.AGENT, Roles.SUPERVISOR);
        String id = FilingApi.create(preparer, "VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-07-01", "2026-07-31",
                vatContent(List.of(line("20", 1_000)), 0, null)).then().statusCode(201).extract().path("id");
        FilingApi.validate(validator, id).then().statusCode(200);

        FilingApi.submit(preparer, id).then().statusCode(403).body(at("code", equalTo("FOUR_EYES_VIOLATION")));
        FilingApi.submit(validator, id).then().statusCode(403).body(at("code", equalTo("FOUR_EYES_VIOLATION")));
        assertThat(FilingApi.get(id).getString("status")).isEqualTo("VALIDATED");
        assertThat(FilingApi.get(id).getString("submission")).isNull();
        assertThat(outboxCount(id)).isZero();

        FilingApi.submit(supervisor(), id).then().statusCode(200).body(at("status", equalTo("SUBMITTED")));
        assertThat(outboxCount(id)).isEqualTo(1);
    }

    @Test
    void two_supervisors_submitting_at_once_deposit_the_document_once() throws Exception {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2024-11-01", "2024-11-30",
                vatContent(List.of(line("20", 700)), 0, null)).getString("id");
        FilingApi.validate(agent(), id).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String submitter = supervisor();
                answers.add(pool.submit(() -> FilingApi.submit(submitter, id).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(outboxCount(id)).isEqualTo(1);
        assertThat(FilingApi.get(id).getList("history.action", String.class)).containsOnlyOnce("SUBMITTED");
    }

    @Test
    void four_eyes_whoever_edited_the_draft_also_prepared_it() {
        String editor = FilingApi.person(Roles.AGENT, Roles.SUPERVISOR);
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-06-01", "2026-06-30",
                vatContent(List.of(line("20", 1_000)), 0, null)).getString("id");
        Api.as(editor).header("If-Match", "\"0\"").body(vatContent(List.of(line("20", 2_000)), 0, null))
                .put("/filings/{id}/content", id).then().statusCode(200);
        FilingApi.validate(agent(), id).then().statusCode(200);
        FilingApi.submit(editor, id).then().statusCode(403).body(at("code", equalTo("FOUR_EYES_VIOLATION")));
    }

    @Test
    void the_document_exists_only_once_submitted() {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-05-01", "2026-05-31",
                vatContent(List.of(), 0, null)).getString("id");
        Api.as(Tokens.auditor()).get("/filings/{id}/document", id).then().statusCode(409).body(at("code", equalTo("NOT_SUBMITTED")));
        FilingApi.validate(agent(), id).then().statusCode(200);
        Api.as(Tokens.auditor()).get("/filings/{id}/document", id).then().statusCode(409);
        Api.as(Tokens.auditor()).get("/filings/{id}/document", UUID.randomUUID().toString()).then().statusCode(404);
    }

    @Test
    void an_acknowledgement_needs_a_submitted_filing_and_a_reason_to_reject() {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-04-01", "2026-04-30",
                vatContent(List.of(), 0, null)).getString("id");
        FilingApi.acknowledge(id, "ACCEPTED", null).then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        FilingApi.validateAndSubmit(id);
        FilingApi.acknowledge(id, "REJECTED", null).then().statusCode(400)
                .body(at("code", equalTo("VALIDATION_FAILED"))).body(at("errors[0].field", equalTo("reason")));
        FilingApi.acknowledge(id, "REJECTED", "   ").then().statusCode(400);
        Api.invalidRequestAs(Tokens.admin()).body(Map.of("outcome", "MAYBE", "administrationReference", "X"))
                .post("/filings/{id}/acknowledgement", id).then().statusCode(400);
        Api.invalidRequestAs(Tokens.admin()).body(Map.of("outcome", "ACCEPTED"))
                .post("/filings/{id}/acknowledgement", id).then().statusCode(400).body(at("errors[0].field", equalTo("administrationReference")));
        assertThat(FilingApi.get(id).getString("status")).isEqualTo("SUBMITTED");
        for (String token : new String[]{Tokens.frontOffice(), agent(), supervisor(), Tokens.auditor()}) {
            Api.as(token).body(Map.of("outcome", "ACCEPTED", "administrationReference", "X"))
                    .post("/filings/{id}/acknowledgement", id).then().statusCode(403);
        }
    }

    @Test
    void an_if_match_on_an_action_must_name_the_current_version() {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-03-01", "2026-03-31",
                vatContent(List.of(), 0, null)).getString("id");
        Api.as(agent()).header("If-Match", "\"7\"").post("/filings/{id}/validate", id).then().statusCode(412)
                .body(at("code", equalTo("PRECONDITION_FAILED")));
        Api.as(agent()).header("If-Match", "\"0\"").post("/filings/{id}/validate", id).then().statusCode(200)
                .header("ETag", "\"1\"");
    }

    @Test
    void a_retried_submission_with_the_same_idempotency_key_replays_the_first_answer() {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-02-01", "2026-02-28",
                vatContent(List.of(line("10", 50)), 0, null)).getString("id");
        FilingApi.validate(agent(), id).then().statusCode(200);
        String submitter = supervisor();
        String reference = Api.as(submitter).header("Idempotency-Key", "submit-" + id).post("/filings/{id}/submit", id)
                .then().statusCode(200).extract().path("submission.depositReference");
        Api.as(submitter).header("Idempotency-Key", "submit-" + id).post("/filings/{id}/submit", id)
                .then().statusCode(200).header("Idempotent-Replayed", "true")
                .body(at("submission.depositReference", equalTo(reference)));
        assertThat(outboxCount(id)).isEqualTo(1);
    }

    @Test
    void roles_decide_who_prepares_validates_submits_and_reads() {
        String declarantId = FilingApi.monthlyDeclarant();
        Map<String, Object> content = vatContent(List.of(), 0, null);
        for (String token : new String[]{Tokens.auditor(), Tokens.admin(), supervisor()}) {
            FilingApi.create(token, "VAT_RETURN", declarantId, "2026-01-01", "2026-01-31", content)
                    .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
        }
        String id = FilingApi.draft("VAT_RETURN", declarantId, "2026-01-01", "2026-01-31", content).getString("id");
        for (String token : new String[]{Tokens.frontOffice(), Tokens.auditor(), Tokens.admin()}) {
            FilingApi.validate(token, id).then().statusCode(403);
        }
        Api.as(Tokens.auditor()).header("If-Match", "\"0\"").body(content).put("/filings/{id}/content", id)
                .then().statusCode(403);
        FilingApi.validate(agent(), id).then().statusCode(200);
        for (String token : new String[]{Tokens.frontOffice(), agent(), Tokens.auditor(), Tokens.admin()}) {
            FilingApi.submit(token, id).then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
        }
        for (String token : new String[]{Tokens.frontOffice(), agent(), supervisor(), Tokens.auditor(), Tokens.admin()}) {
            Api.as(token).get("/filings/{id}", id).then().statusCode(200).body(at("status", equalTo("VALIDATED")));
        }
        Api.anonymous().get("/filings/{id}", id).then().statusCode(401);
    }

    @Test
    void an_unknown_filing_is_404() {
        Api.as(Tokens.auditor()).get("/filings/{id}", UUID.randomUUID().toString()).then().statusCode(404)
                .body(at("code", equalTo("NOT_FOUND")));
        Api.as(Tokens.auditor()).get("/filings/{id}", "nope").then().statusCode(404);
        FilingApi.validate(agent(), UUID.randomUUID().toString()).then().statusCode(404);
        Api.as(agent()).post("/filings/{id}/amend", "nope").then().statusCode(404);
        Api.as(agent()).header("If-Match", "\"0\"").body(vatContent(List.of(), 0, null))
                .put("/filings/{id}/content", UUID.randomUUID().toString()).then().statusCode(404);
    }

    /** A draft's history is bounded (the contract's maxItems): its content changes 100 times at most. */
    @Test
    void a_draft_whose_content_changed_100_times_refuses_another_change_and_stays_as_it_was() throws Exception {
        String preparer = Tokens.frontOffice();
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-10-01", "2026-10-31",
                vatContent(List.of(line("20", 10_000)), 0, null)).getString("id");
        try (Connection connection = database.getConnection();
             PreparedStatement update = connection.prepareStatement("update filing set version = 100 where id = ?")) {
            update.setObject(1, UUID.fromString(id));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        fr.backoffice.support.Problems.assertProblem(Api.as(preparer).header("If-Match", "\"100\"")
                .body(vatContent(List.of(line("20", 20_000)), 0, null))
                .put("/filings/{id}/content", id), 409, "CONTENT_CHANGE_LIMIT_REACHED");
        JsonPath unchanged = FilingApi.get(id);
        assertThat(unchanged.getInt("version")).isEqualTo(100);
        assertThat(unchanged.getList("history")).hasSize(1);
        assertThat(unchanged.getInt("content.taxableSales[0].base")).isEqualTo(10_000);
    }

    private byte[][] outboxEntry(String filingId) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select document, deposit_reference from administration_outbox where filing_id = ?")) {
            query.setObject(1, UUID.fromString(filingId));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("outbox entry of " + filingId).isTrue();
                return new byte[][]{row.getBytes(1), row.getString(2).getBytes(StandardCharsets.US_ASCII)};
            }
        }
    }

    private int outboxCount(String filingId) {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("select count(*) from administration_outbox where filing_id = ?")) {
            query.setObject(1, UUID.fromString(filingId));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        }
    }
}
