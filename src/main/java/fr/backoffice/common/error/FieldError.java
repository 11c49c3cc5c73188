package fr.backoffice.common.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid input: {@code field} is the JSON path or parameter name. */
// Both can quote the request (an unknown property's name, a value), which the body limit bounds: 64 KiB.
@Schema(name = "FieldError")
public record FieldError(@Schema(maxLength = 65536, examples = "amount") String field,
                         @Schema(maxLength = 65536, examples = "must be greater than 0") String message) {
}
