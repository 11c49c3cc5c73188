package fr.backoffice.common.openapi;

/**
 * Limits the contract states for values of one kind wherever they appear, as the database columns and the parsing
 * code bound them (the migrations' column sizes, {@code common/money/Money}).
 */
public final class Limits {

    private Limits() {
    }

    /** An amount the service writes: {@code numeric(20,3)}, so 17 digits, a point, 3 decimals and a sign at most. */
    public static final String SIGNED_AMOUNT = "^-?[0-9]+(\\.[0-9]+)?$";
    public static final String AMOUNT = "^[0-9]+(\\.[0-9]+)?$";
    public static final int AMOUNT_LENGTH = 22;

    public static final String CURRENCY = "^[A-Z]{3}$";
    public static final String UNIT_CODE = "^[A-Z]{3}-[0-9]{2}$";
    public static final String IBAN = "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$";
    public static final int IBAN_LENGTH = 34;
    /** A caller: the token's {@code sub}, as stored in the {@code *_by}, {@code actor} and {@code assignee} columns. */
    public static final int ACTOR_LENGTH = 255;
    /** The reasons and comments of status changes ({@code varchar(500)}). */
    public static final int REASON_LENGTH = 500;
    public static final String SHA256_HEX = "^[0-9a-f]{64}$";
    /** A VAT rate in percent as the service writes it (numeric(5,2), trailing zeros stripped). */
    public static final String VAT_RATE = "^[0-9]{1,3}(\\.[0-9]{1,4})?$";

    /** An {@code Idempotency-Key}: 1 to 255 printable ASCII characters ({@code common/idempotency/Idempotency}). */
    public static final String IDEMPOTENCY_KEY = "^[ -~]+$";
    public static final int IDEMPOTENCY_KEY_LENGTH = 255;
    /** An ETag this service gives: a quoted version number ({@code common/http/ETags}). */
    public static final String ETAG = "^\"[0-9]+\"$";
    public static final int ETAG_LENGTH = 21;
    /** What a client sends back in {@code If-Match}: an ETag, or a list of them, held to a sane length. */
    public static final int IF_MATCH_LENGTH = 64;
    /** A {@code Repr-Digest} field (RFC 9530) with a SHA-256 digest in base64. */
    public static final String SHA256_DIGEST_FIELD = "^sha-256=:[A-Za-z0-9+/]{43}=:$";
    /** A cursor this service gives ({@code common/paging/Cursor}): base64url of a uuid, a code or a position. */
    public static final String CURSOR = "^[A-Za-z0-9_-]*$";
    public static final int CURSOR_LENGTH = 64;
}
