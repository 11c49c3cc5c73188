package fr.backoffice.statement.rest;

import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.security.Roles;
import fr.backoffice.statement.Camt053;
import fr.backoffice.statement.api.StatementView;
import fr.backoffice.statement.service.StatementService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** An account's statement of one business day, as camt.053 XML or as JSON, chosen by {@code Accept}. */
@Path("/accounts/{id}/statements")
@Tag(name = "Accounts")
public class StatementResource {

    private static final String ACCOUNT_ID = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70";
    private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    /** The largest statement, {@link StatementView#MAX_ENTRIES} entries of about 2 KiB of XML each. */
    private static final int MAX_XML_LENGTH = 25_000_000;

    private final StatementService statements;

    public StatementResource(StatementService statements) {
        this.statements = statements;
    }

    @GET
    @Path("/{date}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getAccountStatement", summary = "An account's statement of one business day (camt.053 or JSON)",
            description = "The entries posted that day (in the bank's time zone) in posting order, between the opening "
                    + "(`OPBD`) and closing (`CLBD`) booked balances, each equal to `GET /accounts/{id}/balance?at=` "
                    + "its `at`. `Accept: application/xml` gives an ISO 20022 camt.053.001.08 document, "
                    + "`application/json` (the default) the same statement as JSON. Today's is the statement so far "
                    + "(`complete: false`), up to the moment it is read.")
    @APIResponse(responseCode = "200", description = "The statement",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementView.class),
                            examples = @ExampleObject(name = "a day", value = StatementExamples.JSON)),
                    @Content(mediaType = MediaType.APPLICATION_XML,
                            schema = @Schema(type = SchemaType.STRING, maxLength = MAX_XML_LENGTH,
                                    description = "An ISO 20022 camt.053.001.08 document"),
                            examples = @ExampleObject(name = "a day", value = StatementExamples.XML))})
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `date` is not a date (YYYY-MM-DD)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account, or not in the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "406", description = "`NOT_ACCEPTABLE`: `Accept` allows neither `application/json` nor `application/xml`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_ACCEPTABLE", ref = "NOT_ACCEPTABLE")))
    @APIResponse(responseCode = "422", description = "`STATEMENT_DATE_IN_FUTURE`: the day has not begun in the bank's "
            + "time zone; `STATEMENT_TOO_LARGE`: more than 10000 entries that day (read them from `/entries`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "STATEMENT_DATE_IN_FUTURE", ref = "STATEMENT_DATE_IN_FUTURE"), @ExampleObject(name = "STATEMENT_TOO_LARGE", ref = "STATEMENT_TOO_LARGE")}))
    public Uni<Response> statement(
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
            @Parameter(description = "The business day, in the bank's time zone", example = "2026-11-30",
                    schema = @Schema(type = SchemaType.STRING, format = "date", pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", maxLength = 10))
            @PathParam("date") String date,
            @Context HttpHeaders headers) {
        boolean xml = wantsXml(headers);
        return statements.statement(id, day(date))
                .map(statement -> xml
                        ? Response.ok(Camt053.write(statement), MediaType.APPLICATION_XML_TYPE).build()
                        : Response.ok(statement, MediaType.APPLICATION_JSON_TYPE).build());
    }

    /** XML when the caller prefers it to JSON; the REST layer has already answered 406 when it accepts neither. */
    private static boolean wantsXml(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_XML_TYPE)) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate day(String date) {
        try {
            if (date != null && DATE.matcher(date).matches()) {
                return LocalDate.parse(date);
            }
        } catch (DateTimeParseException malformed) {
            // answered below
        }
        throw ApiException.invalidField("date", "must be a date (2026-11-30)");
    }
}
