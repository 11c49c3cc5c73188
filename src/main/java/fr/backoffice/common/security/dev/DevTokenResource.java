package fr.backoffice.common.security.dev;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.security.Roles;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.Set;

/**
 * Dev mode only (the bean and its route are removed from the production build): mints a token for any
 * role so a developer can try every endpoint from Swagger UI without an identity provider.
 */
@IfBuildProfile("dev")
@Path("/dev/token")
@Tag(name = "Dev mode", description = "Only in dev mode (`./mvnw quarkus:dev`): tokens for trying the API from this page")
public class DevTokenResource {

    private static final Set<String> ROLES = Set.of(Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN,
            Roles.CLEARING);

    @GET
    @PermitAll
    @SecurityRequirements
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "devToken", summary = "Mint a bearer token for a role (dev mode only)",
            description = "A token signed with the dev key, valid 12 hours, for one role. Copy the answer, then click "
                    + "Authorize (top of the page) and paste it. `agent` and `supervisor` act only within `unit`. Not "
                    + "present in production builds.")
    public String token(@Parameter(description = "The role the token grants",
                                schema = @Schema(enumeration = {Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR,
                                        Roles.AUDITOR, Roles.ADMIN, Roles.CLEARING}, defaultValue = Roles.ADMIN))
                        @QueryParam("role") @DefaultValue("admin") String role,
                        @Parameter(description = "The production unit of an agent or supervisor", example = "PAR-01")
                        @QueryParam("unit") @DefaultValue("PAR-01") String unit,
                        @Parameter(description = "Who the caller is (`sub`, recorded in the audit trail); `dev-<role>` "
                                + "when absent", example = "dev-alice")
                        @QueryParam("sub") String sub) {
        if (!ROLES.contains(role)) {
            throw ApiException.invalidField("role", "must be one of " + ROLES);
        }
        return Jwt.subject(sub == null || sub.isBlank() ? "dev-" + role : sub)
                .groups(role)
                .claim("unit", unit)
                .expiresIn(Duration.ofHours(12))
                .sign();
    }
}
