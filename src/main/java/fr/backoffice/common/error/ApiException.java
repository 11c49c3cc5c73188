package fr.backoffice.common.error;

import java.util.List;

/**
 * A refusal the caller can act on: it becomes an RFC 9457 problem with a stable {@code code}.
 * Expected business outcomes are thrown as this, so one mapper turns every refusal into the same shape.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiException(int status, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "VALIDATION_FAILED", "The request is not valid.",
                List.of(new FieldError(field, message)));
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(403, code, detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " does not exist or is not visible to you.");
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(422, code, detail);
    }

    public static ApiException invalidTransition(String from, String action) {
        return conflict("INVALID_TRANSITION", "Cannot " + action + " from status " + from + ".");
    }
}
