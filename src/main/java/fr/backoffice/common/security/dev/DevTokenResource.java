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
@Tag(name = "Dev mode")
public class DevTokenResource {

    private static final Set<String> ROLES = Set.of(Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN);

    @GET
    @PermitAll
    @SecurityRequirements
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "devToken", summary = "Mint a bearer token for a role (dev mode only)",
            description = "Paste the answer into Swagger UI's Authorize dialog. Not present in production builds.")
    public String token(@QueryParam("role") @DefaultValue("admin") String role,
                        @QueryParam("unit") @DefaultValue("PAR-01") String unit,
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
