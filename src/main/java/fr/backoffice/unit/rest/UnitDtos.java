package fr.backoffice.unit.rest;

import fr.backoffice.unit.Unit;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public final class UnitDtos {

    private UnitDtos() {
    }

    @Schema(name = "NewUnit")
    public record NewUnit(
            @NotNull @Pattern(regexp = "[A-Z]{3}-[0-9]{2}", message = "must look like PAR-01")
            @Schema(required = true, pattern = "^[A-Z]{3}-[0-9]{2}$", examples = "PAR-01") String code,
            @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "Paris Opéra") String name,
            @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "Île-de-France") String region) {
    }

    @Schema(name = "Unit")
    public record UnitView(
            @Schema(examples = "PAR-01") String code,
            @Schema(examples = "Paris Opéra") String name,
            @Schema(examples = "Île-de-France") String region,
            Instant createdAt) {

        public static UnitView of(Unit unit) {
            return new UnitView(unit.code, unit.name, unit.region, unit.createdAt);
        }
    }
}
