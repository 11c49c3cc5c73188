package fr.backoffice.unit.api;

import fr.backoffice.unit.Unit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A unit as the API shows it, in answers and in {@code unit.created} events. */
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
