package fr.backoffice.unit.api;

import fr.backoffice.unit.Unit;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A unit as the API shows it, in answers and in {@code unit.created} events. */
@Schema(name = "Unit")
public record UnitView(
        @Schema(pattern = Limits.UNIT_CODE, maxLength = 6, examples = "PAR-01") String code,
        @Schema(maxLength = 100, examples = "Paris Opéra") String name,
        @Schema(maxLength = 100, examples = "Île-de-France") String region,
        Instant createdAt) {

    public static UnitView of(Unit unit) {
        return new UnitView(unit.code, unit.name, unit.region, unit.createdAt);
    }
}
