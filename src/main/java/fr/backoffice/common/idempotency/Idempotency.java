package fr.backoffice.common.idempotency;

import fr.backoffice.common.time.TimeSource;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.security.Caller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Idempotency keys (docs/api.md "Calling the API" and the OpenAPI description of the header), kept in the database so
 * every service instance agrees.
 *
 * <p>Runs inside the caller's transaction, through the database function {@code idempotency_begin}
 * (V1__units_and_accounts.sql) that {@code POST /operations} uses too: a transaction-scoped lock on
 * one 64-bit hash of (client, key) tells a concurrent duplicate that the first is in flight (409) without making
 * it wait, and the stored answer commits together with the effect it describes, so a key never executes twice. A refused request
 * (any 4xx problem) rolls back and stores nothing: its retry is judged afresh.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private final ObjectMapper json;

    private final Caller caller;

    private final CurrentVertxRequest current;

    private final TimeSource time;

    public Idempotency(ObjectMapper json, Caller caller, CurrentVertxRequest current, TimeSource time) {
        this.json = json;
        this.caller = caller;
        this.current = current;
        this.time = time;
    }

    /** Checks the header's form; {@code required} is true where the spec demands one. */
    public static String checkKey(String key, boolean required) {
        if (key == null) {
            if (required) {
                throw ApiException.invalidField(HEADER, "is required: 1 to 255 printable ASCII characters");
            }
            return null;
        }
        if (!VALID_KEY.matcher(key).matches() || key.isBlank()) {
            throw ApiException.invalidField(HEADER, "must be 1 to 255 printable ASCII characters");
        }
        return key;
    }

    /**
     * Runs {@code action} once per (caller, key): a retry of the same request (method, path and {@code request}, the
     * parsed body and whatever else the answer depends on, such as an {@code If-Match}) replays the stored reply, a
     * different request under the same key is refused. Must be called within a transaction, while serving the request.
     */
    public Uni<Reply> once(String key, Object request, Supplier<Uni<Reply>> action) {
        return once(key, request, action, UnaryOperator.identity());
    }

    /**
     * As {@link #once(String, Object, Supplier)}, but what is stored, and replayed, is {@code kept} applied to the
     * answer's body: for answers that show something once and must not keep it (a webhook secret), so that the store
     * never holds it and a replay answers without it.
     */
    public Uni<Reply> once(String key, Object request, Supplier<Uni<Reply>> action, UnaryOperator<Object> kept) {
        if (key == null) {
            return action.get();
        }
        HttpServerRequest http = current.getCurrent().request();
        return once(caller.id(), key, http.method().name() + " " + http.path(), request, action, kept);
    }

    private Uni<Reply> once(String clientId, String key, String requestLine, Object request, Supplier<Uni<Reply>> action,
                            UnaryOperator<Object> kept) {
        String fingerprint = fingerprint(requestLine, request);
        IdempotencyRecord.Key id = new IdempotencyRecord.Key(clientId, key);
        return Panache.getSession()
                .flatMap(session -> session
                        .createNativeQuery("select in_flight, request_fingerprint, response_status, response_location, "
                                + "response_body from idempotency_begin(:client, :key)", Object[].class)
                        .setParameter("client", clientId)
                        .setParameter("key", key)
                        .getResultList()
                        .flatMap(rows -> {
                            Stored stored = rows.isEmpty() ? null : new Stored((Boolean) rows.get(0)[0], (String) rows.get(0)[1],
                                    (Integer) rows.get(0)[2], (String) rows.get(0)[3], (String) rows.get(0)[4]);
                            if (stored != null) {
                                return Uni.createFrom().item(answer(stored, fingerprint));
                            }
                            return action.get().flatMap(reply -> session.persist(record(id, fingerprint, reply, kept))
                                    .replaceWith(reply));
                        }));
    }

    /** What {@code idempotency_begin} found under a key: a request in flight, or the answer stored for it. */
    public record Stored(boolean inFlight, String requestFingerprint, Integer status, String location, String body) {
    }

    /** The answer to a key already seen: 409 while its first request runs, else the stored reply (same request only). */
    public Reply answer(Stored stored, String fingerprint) {
        if (stored.inFlight()) {
            throw inFlight();
        }
        if (!stored.requestFingerprint().equals(fingerprint)) {
            throw new ApiException(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request.");
        }
        try {
            return new Reply(stored.status(), json.readTree(stored.body()), stored.location(), null, true);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Stored idempotent response is not JSON", corrupt);
        }
    }

    private IdempotencyRecord record(IdempotencyRecord.Key id, String fingerprint, Reply reply, UnaryOperator<Object> kept) {
        return IdempotencyRecord.of(id, fingerprint, reply.status(), write(kept.apply(reply.body())), reply.location(),
                time.now());
    }

    public static ApiException inFlight() {
        return new ApiException(ProblemCode.IDEMPOTENCY_REQUEST_IN_FLIGHT,
                "A request with this Idempotency-Key is still being processed; retry shortly.");
    }

    /** Same method, path and parsed body give the same fingerprint, whatever the JSON's spacing or key order. */
    public String fingerprint(String requestLine, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(requestLine.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException unserializable) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), unserializable);
        }
    }
}
