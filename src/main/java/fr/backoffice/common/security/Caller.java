package fr.backoffice.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Who is calling: {@code sub}, roles and production unit from the bearer token, and the
 * object-level rule of SPEC section 3 (agents and supervisors act only within their own unit).
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public String id() {
        return identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** The {@code unit} claim, or null when the token carries none. */
    public String unit() {
        Object unit = token.getClaim("unit");
        return unit == null ? null : unit.toString();
    }

    /** Agents and supervisors are confined to their unit unless another role of theirs sees everything. */
    public boolean isUnitScoped() {
        return (is(Roles.AGENT) || is(Roles.SUPERVISOR))
                && !(is(Roles.ADMIN) || is(Roles.AUDITOR) || is(Roles.FRONT_OFFICE));
    }

    public boolean canSee(String unitCode) {
        return !isUnitScoped() || unitCode.equals(unit());
    }
}
