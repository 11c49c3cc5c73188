package fr.backoffice.ledger.rest;

import fr.backoffice.common.money.Money;
import fr.backoffice.common.security.Roles;
import fr.backoffice.ledger.rest.LedgerDtos.TrialBalance;
import fr.backoffice.ledger.service.LedgerService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger as a whole; account statements and balances are under {@code /accounts/{id}}. */
@Path("/ledger")
@Tag(name = "Ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    @Inject
    LedgerService ledger;

    @GET
    @Path("/trial-balance")
    @RolesAllowed({Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getTrialBalance", summary = "Total debits, credits and sum of balances per currency",
            description = "In every currency, debits equal credits and all balances sum to zero: that is what double entry means.")
    @APIResponse(responseCode = "200", description = "The trial balance")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `currency` is not an ISO 4217 code")
    public Uni<TrialBalance> trialBalance(@Parameter(example = "EUR") @QueryParam("currency") String currency) {
        return ledger.trialBalance(currency == null ? null : Money.currency("currency", currency).getCurrencyCode());
    }
}
