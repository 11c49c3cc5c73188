package fr.backoffice.declarant.api;

import fr.backoffice.declarant.Declarant;
import fr.backoffice.declarant.VatRegime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/** A declarant as the endpoints answer it and the {@code declarant.registered} event carries it. */
@Schema(name = "Declarant")
public record DeclarantView(
        @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String id,
        @Schema(maxLength = 200, examples = "Boulangerie Martin SAS") String name,
        @Schema(pattern = "^[0-9]{9}$", maxLength = 9, examples = "732829320") String siren,
        @Schema(pattern = "^FR[0-9]{11}$", maxLength = 13, examples = "FR44732829320") String vatNumber,
        VatRegime vatRegime,
        @Schema(pattern = "^[0-9]{2}-[0-9]{2}$", maxLength = 5, examples = "12-31") String fiscalYearEnd,
        @Schema(nullable = true, implementation = String.class, format = "date", examples = "2024-01-01") LocalDate liableFrom,
        Instant createdAt) {

    public static DeclarantView of(Declarant declarant) {
        return new DeclarantView(declarant.id.toString(), declarant.name, declarant.siren, declarant.vatNumber,
                declarant.vatRegime, declarant.fiscalYearEnd, declarant.liableFrom, declarant.createdAt);
    }
}
