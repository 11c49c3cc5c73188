package fr.backoffice.operation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** A deposited cheque, in {@link NewOperation} and {@link OperationView}. */
@Schema(name = "Cheque", nullable = true)
public record Cheque(
        @NotNull @Pattern(regexp = "[0-9]{7}", message = "must be 7 digits")
        @Schema(required = true, pattern = "^[0-9]{7}$", maxLength = 7, examples = "0012345") String number,
        @NotBlank @Size(max = 70) @Schema(required = true, maxLength = 70, examples = "Jean Durand") String drawerName,
        @NotBlank @Size(max = 70) @Schema(required = true, maxLength = 70, examples = "Banque Exemple") String drawerBank,
        @NotNull @Schema(required = true, examples = "2026-11-20",
                description = "Not in the future, and not older than one year and eight days") LocalDate issueDate) {
}
