package fr.backoffice.common.error;

/** One invalid input: {@code field} is the JSON path or parameter name. */
public record FieldError(String field, String message) {
}
