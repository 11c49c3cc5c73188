package fr.backoffice.common.error;

import java.util.List;

/**
 * A refusal the caller can act on: it becomes an RFC 9457 problem with its code from the catalogue
 * ({@link ProblemCode}), which also gives its status. Expected business outcomes are thrown as this, so one mapper
 * turns every refusal into the same shape.
 */
public class ApiException extends RuntimeException {

    private final ProblemCode code;
    private final List<FieldError> errors;

    public ApiException(ProblemCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiException(ProblemCode code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return code.status();
    }

    public ProblemCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(ProblemCode.VALIDATION_FAILED, "The request is not valid.",
                List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemCode.NOT_FOUND, what + " does not exist or is not visible to you.");
    }

    public static ApiException invalidTransition(String from, String action) {
        return new ApiException(ProblemCode.INVALID_TRANSITION, "Cannot " + action + " from status " + from + ".");
    }
}
