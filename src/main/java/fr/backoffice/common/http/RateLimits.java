package fr.backoffice.common.http;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ProblemCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rate limits (docs/security.md "Rate limiting"): every request outside {@code /q/} draws one from a token bucket, its
 * caller's ({@code sub}) for its class (writes, reads, connections to the event stream) once the token is verified, its
 * client address's otherwise; an empty bucket answers 429 {@code RATE_LIMITED} with {@code Retry-After}, and every
 * answer tells the budget drawn on in {@code RateLimit-Policy} and {@code RateLimit}.
 *
 * <p>The class of a request is first its method's (writes, or reads). Which resource method serves it is known only
 * once the REST layer has matched it, however its path is spelled ({@code /events/stream/}, {@code ;a=b},
 * {@code %73}, {@code //}, HEAD...): a request matched to a {@link Streaming} method gives its read back and draws on
 * the stream budget then ({@link #drawAsStream}, called by {@link StreamAdmission}), so no spelling opens a stream on
 * the reads budget. Guessing from the raw path would not do: the REST layer's matching is not ours to repeat.
 *
 * <p>Authentication must be proactive (Quarkus's default, checked at start): the identity is known when this filter
 * runs, just after the authentication route (Vert.x order -200) and before {@link RequestLimits}. A token the
 * authentication refuses never reaches the filter: the request fails, and the failure handler counts it against the
 * address before the 401 is answered. The buckets live in this instance's memory.
 */
@ApplicationScoped
public class RateLimits {

    /** After the authentication route (200), before the request limits (100). */
    static final int PRIORITY = 160;
    private static final String POLICY = "RateLimit-Policy";
    private static final String STATE = "RateLimit";
    private static final String WRITES = "writes";
    private static final String READS = "reads";
    private static final String STREAM = "stream";
    private static final Set<HttpMethod> WRITING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /**
     * Marks a request that has drawn on a bucket, so that a later failure of it is not counted again; its value is the
     * budget drawn on.
     */
    private static final String COUNTED = RateLimits.class.getName();

    private final BackOfficeConfig config;

    private final ObjectMapper json;

    private final MeterRegistry registry;

    private final boolean proactiveAuthentication;

    public RateLimits(BackOfficeConfig config, ObjectMapper json, MeterRegistry registry,
                      @ConfigProperty(name = "quarkus.http.auth.proactive", defaultValue = "true") boolean proactiveAuthentication) {
        this.config = config;
        this.json = json;
        this.registry = registry;
        this.proactiveAuthentication = proactiveAuthentication;
    }

    /** The budgets of callers, by class of request. */
    private Map<String, RateLimitBudget> budgets;
    private RateLimitBudget unauthenticated;
    private Cache<Key, Bucket> buckets;
    /** The requests answered 429, by budget (docs/deployment.md "Metrics"). */
    private Map<String, Counter> limited;

    private record Key(String budget, String subject) {
    }

    @PostConstruct
    void init() {
        if (config.rateLimit().enabled() && !proactiveAuthentication) {
            throw new IllegalStateException("Rate limits need quarkus.http.auth.proactive=true: otherwise the caller "
                    + "is not known yet when a request is counted, and every request would count against its address.");
        }
        budgets = Map.of(WRITES, RateLimitBudget.of(WRITES, config.rateLimit().writes()),
                READS, RateLimitBudget.of(READS, config.rateLimit().reads()),
                STREAM, RateLimitBudget.of(STREAM, config.rateLimit().stream()));
        unauthenticated = RateLimitBudget.of("unauthenticated", config.rateLimit().unauthenticated());
        // A bucket left alone for its period is full again: forgetting it then changes nothing.
        Duration longest = Stream.concat(budgets.values().stream(), Stream.of(unauthenticated))
                .map(RateLimitBudget::period).max(Duration::compareTo).orElseThrow();
        buckets = Caffeine.newBuilder().maximumSize(config.rateLimit().maxTracked()).expireAfterAccess(longest).build();
        limited = Stream.concat(budgets.values().stream(), Stream.of(unauthenticated)).collect(Collectors.toUnmodifiableMap(
                RateLimitBudget::name, budget -> Counter.builder("backoffice.http.rate.limited")
                        .description("Requests answered 429 because their budget was spent, by budget")
                        .tag("budget", budget.name()).register(registry)));
    }

    void register(@Observes Filters filters) {
        if (config.rateLimit().enabled()) {
            filters.register(this::limit, PRIORITY);
        }
    }

    void registerFailures(@Observes Router router) {
        if (config.rateLimit().enabled()) {
            router.route().order(Integer.MIN_VALUE).failureHandler(this::limitRefusedToken);
        }
    }

    private void limit(RoutingContext context) {
        if (exempt(context.normalizedPath())) {
            context.next();
            return;
        }
        String caller = caller(context);
        RateLimitBudget budget = caller == null ? unauthenticated : budgets.get(classOf(context.request().method()));
        context.put(COUNTED, budget.name());
        if (draw(context, budget, caller == null ? address(context) : caller)) {
            context.next();
        }
    }

    /**
     * A request the REST layer matched to a {@link Streaming} method: the read it drew at the edge is given back, and it
     * draws on its caller's stream budget instead. Null when it goes on; otherwise the 429 to answer.
     */
    Response drawAsStream(RoutingContext context) {
        String caller = caller(context);
        if (!config.rateLimit().enabled() || caller == null || STREAM.equals(context.get(COUNTED))) {
            return null;
        }
        if (READS.equals(context.get(COUNTED))) {
            Bucket reads = buckets.getIfPresent(new Key(READS, caller));
            if (reads != null) {
                reads.addTokens(1);
            }
        }
        context.put(COUNTED, STREAM);
        RateLimitBudget stream = budgets.get(STREAM);
        ConsumptionProbe probe = consume(context, stream, caller);
        if (probe.isConsumed()) {
            return null;
        }
        return Response.status(429).header(HttpHeaders.RETRY_AFTER.toString(), RateLimitBudget.retryAfter(probe))
                .type(Problem.MEDIA_TYPE).entity(Problem.of(ProblemCode.RATE_LIMITED, refusal(stream), context.request().path(), List.of()))
                .build();
    }

    /**
     * A request that carries {@code writes} writes ({@code POST /operation-batches}) counts as that many against its
     * caller's writes budget: the one drawn at the edge, and the rest now. The rest may take the bucket below zero, so
     * a batch larger than the budget still passes when the bucket is not empty, and the caller's next writes wait until
     * the batch is paid for (docs/security.md "Rate limiting").
     */
    public void drawWrites(RoutingContext context, String caller, int writes) {
        if (!config.rateLimit().enabled() || writes <= 1 || !WRITES.equals(context.get(COUNTED))) {
            return;
        }
        RateLimitBudget budget = budgets.get(WRITES);
        Bucket bucket = buckets.get(new Key(WRITES, caller), key -> budget.newBucket());
        bucket.consumeIgnoringRateLimits(writes - 1);
    }

    /** A request whose token the authentication refused: counted against its address, then answered 401 as usual. */
    private void limitRefusedToken(RoutingContext context) {
        Throwable failure = context.failure();
        boolean refusedToken = failure instanceof AuthenticationFailedException
                || failure instanceof AuthenticationCompletionException || context.statusCode() == 401;
        if (!refusedToken || context.get(COUNTED) != null || exempt(context.normalizedPath())) {
            context.next();
            return;
        }
        context.put(COUNTED, unauthenticated.name());
        if (draw(context, unauthenticated, address(context))) {
            context.next();
        }
    }

    /** Draws one request from {@code subject}'s bucket: true if it goes on, false if it was answered 429. */
    private boolean draw(RoutingContext context, RateLimitBudget budget, String subject) {
        ConsumptionProbe probe = consume(context, budget, subject);
        if (probe.isConsumed()) {
            return true;
        }
        context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RateLimitBudget.retryAfter(probe)));
        EdgeProblems.answer(context, json, ProblemCode.RATE_LIMITED, refusal(budget));
        return false;
    }

    /** Draws one request and tells the answer's budget headers (replacing any a previous draw of it set). */
    private ConsumptionProbe consume(RoutingContext context, RateLimitBudget budget, String subject) {
        ConsumptionProbe probe = buckets.get(new Key(budget.name(), subject), key -> budget.newBucket())
                .tryConsumeAndReturnRemaining(1);
        context.response().putHeader(POLICY, budget.policy()).putHeader(STATE, budget.state(probe));
        if (!probe.isConsumed()) {
            limited.get(budget.name()).increment();
        }
        return probe;
    }

    private String refusal(RateLimitBudget budget) {
        return "Too many " + describe(budget) + "; retry after the delay in Retry-After (RateLimit-Policy tells the budget).";
    }

    private String describe(RateLimitBudget budget) {
        String per = budget.capacity() + " per " + budget.period().toSeconds() + " s";
        return switch (budget.name()) {
            case WRITES, READS -> budget.name() + " by this caller (" + per + ")";
            case STREAM -> "connections to the event stream by this caller (" + per + ")";
            default -> "requests without a valid token from this address (" + per + ")";
        };
    }

    /** The health checks, metrics and the OpenAPI document are never limited. */
    static boolean exempt(String path) {
        return path != null && (path.equals("/q") || path.startsWith("/q/"));
    }

    /** The class of a request at the edge, by its method; a stream's is known once it is matched ({@link #drawAsStream}). */
    static String classOf(HttpMethod method) {
        return WRITING.contains(method) ? WRITES : READS;
    }

    /** The verified token's {@code sub}; null when the request carries none. */
    static String caller(RoutingContext context) {
        if (!(context.user() instanceof QuarkusHttpUser user)) {
            return null;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject() : identity.getPrincipal().getName();
    }

    /** The client's address: the one forwarded by a proxy only where proxy address forwarding is configured. */
    private static String address(RoutingContext context) {
        SocketAddress remote = context.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }
}
