package fr.backoffice.unit.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /units}; also what an idempotent retry is compared with. */
@Schema(name = "NewUnit")
public record NewUnit(
        @NotNull @Pattern(regexp = "[A-Z]{3}-[0-9]{2}", message = "must look like PAR-01")
        @Schema(required = true, pattern = "^[A-Z]{3}-[0-9]{2}$", maxLength = 6, examples = "PAR-01") String code,
        @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "Paris Opéra") String name,
        @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "Île-de-France") String region) {
}
