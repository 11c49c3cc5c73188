package fr.backoffice.audit;

import fr.backoffice.audit.service.AuditTrail;
import fr.backoffice.audit.service.RequestAudit;
import fr.backoffice.common.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test only: an endpoint that writes its change with the reactive SQL client, as the straight-through hot path does,
 * and its audit record with {@link RequestAudit#accepted} and {@link AuditTrail#INSERT} in the same transaction.
 */
@Path("/test-only/raw-sql-change")
public class RawSqlAuditResource {

    @Inject
    Pool pool;

    @Inject
    RequestAudit audit;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> change(@QueryParam("failAfterInsert") boolean fail) {
        return pool.withTransaction(connection -> {
            AuditTrail.Entry entry = audit.accepted(201, "/test-only/raw-sql-change/1");
            return connection.preparedQuery(AuditTrail.INSERT).execute(entry.tuple()).invoke(() -> {
                if (fail) {
                    throw new IllegalStateException("the change fails after its record was inserted");
                }
            });
        }).replaceWith(Response.status(201).build());
    }
}
