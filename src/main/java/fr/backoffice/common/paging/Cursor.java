package fr.backoffice.common.paging;

import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

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
            throw invalid();
        }
    }

    /** For lists ordered by id: the id inside the cursor, or null for the first page. */
    public static UUID decodeId(String cursor) {
        String key = decode(cursor);
        return key == null ? null : Ids.parse(key).orElseThrow(Cursor::invalid);
    }

    /** For lists ordered by a sequence number: the number inside the cursor, or 0 for the first page. */
    public static long decodeSeq(String cursor) {
        String key = decode(cursor);
        if (key == null) {
            return 0;
        }
        try {
            long seq = Long.parseLong(key);
            if (seq < 0) {
                throw invalid();
            }
            return seq;
        } catch (NumberFormatException malformed) {
            throw invalid();
        }
    }

    public static ApiException invalid() {
        return ApiException.invalidField("after", "is not a cursor returned by this API");
    }
}
