package fr.backoffice.ledger.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import fr.backoffice.common.error.Problem;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeParams;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.api.BalanceView;
import fr.backoffice.ledger.api.EntryView;
import fr.backoffice.ledger.service.LedgerService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An account's statement and historical balance: served under {@code /accounts}, read from the ledger, so they live with it. */
@Path("/accounts/{id}")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountLedgerResource {

    private static final String ACCOUNT_ID = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70";

    private final LedgerService ledger;

    private final TimeSource time;

    public AccountLedgerResource(LedgerService ledger, TimeSource time) {
        this.ledger = ledger;
        this.time = time;
    }

    @GET
    @Path("/entries")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listAccountEntries", summary = "An account's statement: entries in posting order with running balance")
    @APIResponse(responseCode = "200", description = "A page of entries, oldest first")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `from`, `to`, `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account, or not in the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Page<EntryView>> entries(
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 35), description = "Entries posted at or after this timestamp, or from the start of this date (bank's time zone)",
                    example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 35), description = "Entries posted before this timestamp, or up to the end of this date", example = "2026-11-30")
            @QueryParam("to") String to,
            @BeanParam PageRequest page) {
        return ledger.statement(id, TimeParams.instant("from", from, time.businessZone()),
                TimeParams.endOf("to", to, time.businessZone()), page);
    }

    @GET
    @Path("/balance")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getAccountBalance", summary = "An account's ledger balance as of an instant (now by default)")
    @APIResponse(responseCode = "200", description = "The balance: the sum of the entries posted up to `at`")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `at` is not a timestamp",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account, or not in the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<BalanceView> balance(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
                                    @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 35), example = "2026-11-28T09:15:00Z") @QueryParam("at") String at) {
        return ledger.balanceAt(id, TimeParams.instant("at", at, time.businessZone()));
    }
}
