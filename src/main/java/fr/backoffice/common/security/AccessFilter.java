package fr.backoffice.common.security;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The door of every REST request: a token with a unit-confined role ({@code agent}, {@code supervisor}) that does not
 * name its unit is refused whatever it asks (403 {@code UNIT_CLAIM_REQUIRED}, before routing and role checks, so the
 * answer never depends on the endpoint); otherwise, once the endpoint is matched, the roles its {@code @RolesAllowed}
 * lists are handed to {@link Caller}, which decides object-level access from them.
 */
public class AccessFilter {

    private final Caller caller;

    public AccessFilter(Caller caller) {
        this.caller = caller;
    }

    /** The roles of each resource method, read once. */
    private static final Map<Method, Set<String>> ROLES = new ConcurrentHashMap<>();

    /** Before anything else of the request (routing, role checks, the body): a token that names no unit is refused. */
    @ServerRequestFilter(preMatching = true)
    public void door() {
        if (caller.lacksItsUnit()) {
            throw new ApiException(ProblemCode.UNIT_CLAIM_REQUIRED,
                    "A token with the agent or supervisor role must name its production unit in the unit claim (e.g. PAR-01).");
        }
    }

    /** Once the endpoint is known: the roles it grants, for {@link Caller}. */
    @ServerRequestFilter
    public void granting(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        caller.granting(method == null ? Set.of() : ROLES.computeIfAbsent(method, AccessFilter::rolesAllowed));
    }

    private static Set<String> rolesAllowed(Method method) {
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? Set.of() : Set.copyOf(Arrays.asList(allowed.value()));
    }
}
