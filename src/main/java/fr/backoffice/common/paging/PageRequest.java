package fr.backoffice.common.paging;

import fr.backoffice.common.error.ApiException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.UUID;

/** The {@code limit} and {@code after} query parameters every list shares. */
public class PageRequest {
    // limit is read as text so that "abc" gets our 400 problem rather than JAX-RS's 404 for unconvertible parameters.

    public static final int MAX_LIMIT = 200;

    @QueryParam("limit")
    @DefaultValue("50")
    // the shared #/components/parameters/limit (BackOfficeApplication): 1 to MAX_LIMIT, default 50
    @Parameter(ref = "limit")
    String limit;

    @QueryParam("after")
    @Parameter(ref = "after")
    String after;

    public PageRequest() {
    }

    public int limit() {
        int value;
        try {
            value = Integer.parseInt(limit);
        } catch (NumberFormatException notANumber) {
            throw ApiException.invalidField("limit", "must be an integer from 1 to " + MAX_LIMIT);
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be an integer from 1 to " + MAX_LIMIT);
        }
        return value;
    }

    /** The cursor as the client sent it, or null. */
    public String after() {
        return after;
    }

    /** For lists ordered by a text key (units by code): the last key already seen, or null for the first page. */
    public String afterKey() {
        return Cursor.decode(after);
    }

    /** For lists ordered by id: the id of the last row already seen, or null for the first page. */
    public UUID afterId() {
        return Cursor.decodeId(after);
    }

    /** For lists ordered by a sequence number: the last one already seen, or 0 for the first page. */
    public long afterSeq() {
        return Cursor.decodeSeq(after);
    }
}
