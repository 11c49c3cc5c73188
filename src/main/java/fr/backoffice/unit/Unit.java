package fr.backoffice.unit;

import fr.backoffice.common.security.UnitCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** A production unit of the back office, e.g. {@code PAR-01}. */
@Entity
@Table(name = "unit")
public class Unit {

    public static final Pattern CODE = UnitCode.PATTERN;

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String region;

    /** The branch code (code guichet) of IBANs generated for the unit's accounts. */
    @Column(name = "branch_code", nullable = false, updatable = false)
    public String branchCode;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** A new unit, whose accounts' IBANs will carry {@code branchCode}. */
    public static Unit created(String code, String name, String region, String branchCode, Instant at) {
        Unit unit = new Unit();
        unit.code = Objects.requireNonNull(code, "code");
        unit.name = Objects.requireNonNull(name, "name");
        unit.region = Objects.requireNonNull(region, "region");
        unit.branchCode = Objects.requireNonNull(branchCode, "branchCode");
        unit.createdAt = Objects.requireNonNull(at, "at");
        return unit;
    }
}
