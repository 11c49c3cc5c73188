package fr.backoffice.common.paging;

import fr.backoffice.common.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors: the sort key of the last row seen, base64url-encoded so clients do not build them. */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside a client's cursor, or null for the first page. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw ApiException.invalidField("after", "is not a cursor returned by this API");
        }
    }
}
