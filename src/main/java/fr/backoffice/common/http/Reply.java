package fr.backoffice.common.http;

import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * What a creating or acting request answers: status, body, and the headers that go with them.
 * A replayed reply is the stored first answer to an idempotent retry.
 */
public record Reply(int status, Object body, String location, Long version, boolean replayed) {

    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    public static Reply created(Object body, String location, Long version) {
        return new Reply(201, body, location, version, false);
    }

    public static Reply ok(Object body, Long version) {
        return new Reply(200, body, null, version, false);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).entity(body);
        if (location != null) {
            response.location(URI.create(location));
        }
        if (version != null) {
            response.header("ETag", ETags.of(version));
        }
        if (replayed) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return response.build();
    }
}
