package fr.backoffice.common.http;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ProblemCode;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets in a request the REST layer matched to a {@link Streaming} method, or answers it (docs/security.md
 * "Rate limiting"): it draws on its caller's stream budget (429 {@code RATE_LIMITED}), then takes one of its caller's
 * open-stream slots (429 {@code TOO_MANY_STREAMS}) and one of the instance's (503 {@code STREAM_CAPACITY_REACHED}),
 * each refusal with {@code Retry-After}. The slot is given back when the exchange ends, however it ends: the stream
 * completes (the instance stops), fails, or the subscriber's connection closes. The exchange's end handler alone does
 * not see every end (a subscriber that leaves while its stream is being written fails the write, and the REST layer
 * then only cancels the stream), so the method's stream gives the slot back too when it terminates:
 * {@link #served}.
 *
 * <p>It runs after matching, so it sees the method however the path was spelled, and after the other request filters
 * (an unknown query parameter is refused without taking a slot).
 */
public class StreamAdmission {

    /** A caller's own streams come back when it closes one: soon, at its own hand. */
    static final int RETRY_AFTER_CALLER_SECONDS = 30;
    /** Another instance behind the load balancer may have room now; this one when any subscriber leaves. */
    static final int RETRY_AFTER_INSTANCE_SECONDS = 5;

    private static final String SLOT = OpenStreams.Slot.class.getName();

    private final Map<Method, Boolean> streaming = new ConcurrentHashMap<>();

    private final RateLimits rateLimits;

    private final OpenStreams openStreams;

    private final BackOfficeConfig config;

    public StreamAdmission(RateLimits rateLimits, OpenStreams openStreams, BackOfficeConfig config) {
        this.rateLimits = rateLimits;
        this.openStreams = openStreams;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.USER + 1000)
    public Response admit(ResourceInfo resource, RoutingContext context) {
        Method method = resource.getResourceMethod();
        if (method == null || !streaming.computeIfAbsent(method, m -> m.isAnnotationPresent(Streaming.class))) {
            return null;
        }
        Response limited = rateLimits.drawAsStream(context);
        if (limited != null) {
            return limited;
        }
        String caller = RateLimits.caller(context);
        OpenStreams.Admission admission = openStreams.open(caller == null ? "" : caller);
        if (admission.slot() != null) {
            context.put(SLOT, admission.slot());
            context.addEndHandler(ended -> admission.slot().release());
            return null;
        }
        return switch (admission.refusal()) {
            case CALLER -> refuse(context, ProblemCode.TOO_MANY_STREAMS, RETRY_AFTER_CALLER_SECONDS, "This caller holds "
                    + config.eventStream().maxPerCaller() + " event streams open on this instance, as many as it may; "
                    + "close one (a closed stream frees its slot at once), or retry after the delay in Retry-After.");
            case INSTANCE -> refuse(context, ProblemCode.STREAM_CAPACITY_REACHED, RETRY_AFTER_INSTANCE_SECONDS, "This "
                    + "instance holds " + config.eventStream().maxPerInstance() + " event streams open, as many as it "
                    + "serves; retry after the delay in Retry-After (another instance may take it).");
        };
    }

    /**
     * The stream a {@link Streaming} method answers, as this exchange serves it: it gives back the slot its request
     * was let in with as soon as it terminates (it completes, fails, or is cancelled because its subscriber went
     * away). A HEAD request gets the answer's head and nothing more: a stream run for it would send nothing, yet hold
     * its slot and its connection until the client closes it.
     */
    public static <T> Multi<T> served(RoutingContext context, Multi<T> stream) {
        OpenStreams.Slot slot = context.get(SLOT);
        if (slot == null) {
            throw new IllegalStateException("No stream slot on " + context.request().path() + ": is its method @Streaming?");
        }
        Multi<T> answered = context.request().method() == HttpMethod.HEAD ? Multi.createFrom().empty() : stream;
        return answered.onTermination().invoke(slot::release);
    }

    private static Response refuse(RoutingContext context, ProblemCode code, int retryAfter, String detail) {
        return Response.status(code.status()).header(HttpHeaders.RETRY_AFTER, retryAfter).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail, context.request().path(), List.of())).build();
    }
}
