package fr.backoffice.ledger.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import fr.backoffice.common.error.Problem;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.security.Roles;
import fr.backoffice.ledger.api.TrialBalance;
import fr.backoffice.ledger.api.LedgerReport;
import fr.backoffice.ledger.service.LedgerService;
import fr.backoffice.ledger.service.LedgerVerification;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger as a whole; an account's statement and balance are {@link AccountLedgerResource}. */
@Path("/ledger")
@Tag(name = "Ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private final LedgerService ledger;

    private final LedgerVerification verification;

    public LedgerResource(LedgerService ledger, LedgerVerification verification) {
        this.ledger = ledger;
        this.verification = verification;
    }

    @GET
    @Path("/trial-balance")
    @RolesAllowed({Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getTrialBalance", summary = "Total debits, credits and sum of balances per currency",
            description = "In every currency, debits equal credits and all balances sum to zero: that is what double entry means.")
    @APIResponse(responseCode = "200", description = "The trial balance")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `currency` is not an ISO 4217 code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<TrialBalance> trialBalance(@Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Limits.CURRENCY, maxLength = 3), example = "EUR") @QueryParam("currency") String currency) {
        return ledger.trialBalance(currency == null ? null : Money.currency("currency", currency).getCurrencyCode());
    }

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "verifyLedger", summary = "Recompute balances and operations from the entries",
            description = """
                    Entries are append-only (the database refuses UPDATE, DELETE and TRUNCATE); everything else the \
                    ledger stores is recomputed from them, in one snapshot: each account's balance, statement position \
                    and held amount, and each operation's entries against its amount, type and status. Catches what \
                    no write-time check can, such as a balanced pair of entries forged on an existing operation. The \
                    count of differences of the last verification is the metric `backoffice_ledger_differences`.""")
    @APIResponse(responseCode = "200", description = "The result of the verification")
    public Uni<LedgerReport> verify() {
        return verification.verify();
    }
}
