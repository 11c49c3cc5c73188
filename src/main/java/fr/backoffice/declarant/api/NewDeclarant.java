package fr.backoffice.declarant.api;

import fr.backoffice.declarant.VatRegime;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /declarants}; also what an idempotent replay of it compares. */
@Schema(name = "NewDeclarant")
public record NewDeclarant(
        @NotBlank @Size(max = 200) @Schema(required = true, maxLength = 200, examples = "Boulangerie Martin SAS") String name,
        @NotNull @Schema(required = true, pattern = "^[0-9]{9}$", maxLength = 9, examples = "732829320",
                description = "9 digits with a valid Luhn checksum (400 `INVALID_SIREN` otherwise)") String siren,
        @Size(max = 13) @Schema(maxLength = 13, pattern = "^FR[0-9]{11}$", examples = "FR44732829320",
                description = "`FR` + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. Computed when absent; "
                        + "checked when given (400 `INVALID_VAT_NUMBER`).") String vatNumber,
        @NotNull @Schema(required = true) VatRegime vatRegime,
        @NotNull @Schema(required = true, pattern = "^[0-9]{2}-[0-9]{2}$", maxLength = 5, examples = "12-31",
                description = "Last day of the fiscal year, `MM-DD` (`02-29` ends on 28 February in common years)")
        String fiscalYearEnd,
        @Schema(examples = "2024-01-01", description = "Obligations start on this date; without it they cover whatever "
                + "range is asked") LocalDate liableFrom) {
}
