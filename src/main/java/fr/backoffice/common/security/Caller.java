package fr.backoffice.common.security;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling ({@code sub}, roles from {@code groups}, production unit from {@code unit}) and the one place where
 * the object-level rule is decided; see {@code package-info.java} for the rule in words.
 *
 * <p>Every check asks the same question: does one of the caller's roles that grant the endpoint being served (its
 * {@code @RolesAllowed}, recorded by {@link AccessFilter}) reach objects of this unit? {@code agent} and
 * {@code supervisor} reach their own unit only; {@code front-office}, {@code auditor} and {@code admin} reach every
 * unit. A role the endpoint does not list widens nothing: an auditor who is also an agent reads every unit (the
 * read endpoints list {@code auditor}) but validates only in the agent's unit ({@code validate} does not).
 */
@RequestScoped
public class Caller {

    /** The roles whose reach is the caller's own production unit. */
    static final Set<String> UNIT_ROLES = Set.of(Roles.AGENT, Roles.SUPERVISOR);

    private final SecurityIdentity identity;

    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The roles allowed on the endpoint being served; none (so nothing is granted) outside a REST request. */
    private Set<String> granting = Set.of();

    /**
     * Who is calling: the token's {@code sub}, never a display name ({@code preferred_username}, {@code upn}). Every
     * record of who did what (submitter, validator, approver, history and audit actors, owners, idempotency scopes) and
     * every four-eyes comparison uses it. {@link TokenChecks} refuses a token without a usable one, so behind
     * authentication this is never null.
     */
    public String id() {
        return token.getSubject();
    }

    /**
     * The caller named by a security identity, for code outside a request's CDI scope (HTTP filters): its token's
     * {@code sub}, or null for an anonymous identity. Names the same caller as {@link #id()}.
     */
    public static String idOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /**
     * The {@code unit} claim when it is a unit code; null otherwise. A token whose roles need a unit and whose
     * claim is not one never gets past {@link AccessFilter}.
     */
    public String unit() {
        Object claim = token.getClaim("unit");
        String unit = claim instanceof String text ? text
                : claim instanceof jakarta.json.JsonString json ? json.getString() : null;
        return UnitCode.isValid(unit) ? unit : null;
    }

    /** Whether the token carries a role confined to a unit without naming a unit: refused at the door. */
    boolean lacksItsUnit() {
        return UNIT_ROLES.stream().anyMatch(this::is) && unit() == null;
    }

    /** Whether the caller holds {@code role} and that role reaches objects of {@code unitCode}. */
    public boolean mayActAs(String role, String unitCode) {
        return is(role) && (!UNIT_ROLES.contains(role) || unitCode != null && unitCode.equals(unit()));
    }

    /**
     * Whether the endpoint being served is granted, for an object of {@code unitCode}, by one of the caller's roles:
     * for a read, the object is visible; for an action, the caller may take it.
     */
    public boolean may(String unitCode) {
        return granting.stream().anyMatch(role -> mayActAs(role, unitCode));
    }

    /** Whether one of the caller's roles granting the endpoint being served reaches every unit. */
    public boolean reachesEveryUnit() {
        return granting.stream().anyMatch(role -> is(role) && !UNIT_ROLES.contains(role));
    }

    /**
     * The unit a list served by this endpoint is confined to: empty when one of the caller's granting roles reaches
     * every unit, else the caller's own unit.
     */
    public Optional<String> confinedTo() {
        if (reachesEveryUnit()) {
            return Optional.empty();
        }
        String unit = unit();
        if (unit == null) {
            // unreachable behind AccessFilter and @RolesAllowed; never read that as "every unit"
            throw new ApiException(ProblemCode.FORBIDDEN, "Your roles do not reach any unit.");
        }
        return Optional.of(unit);
    }

    /**
     * The refusal of an action on an object named by id that does not exist or that none of the caller's granting
     * roles reaches. A caller who reaches every unit learns that it does not exist (404); a caller confined to a unit
     * gets the same 403 whether it exists elsewhere or nowhere, so actions never reveal other units' objects.
     */
    public ApiException cannotActOn(String what) {
        return reachesEveryUnit() ? ApiException.notFound(what)
                : new ApiException(ProblemCode.FORBIDDEN, what + " is not an object of your unit.");
    }

    void granting(Set<String> roles) {
        this.granting = Set.copyOf(roles);
    }
}
