package fr.backoffice.declarant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Objects;
import java.util.UUID;

/** A legal entity that files declarations with the public administration. Never changes once registered. */
@Entity
@Table(name = "declarant")
public class Declarant {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String name;

    @Column(nullable = false, updatable = false)
    public String siren;

    @Column(name = "vat_number", nullable = false, updatable = false)
    public String vatNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "vat_regime", nullable = false, updatable = false)
    public VatRegime vatRegime;

    /** {@code MM-DD}. */
    @Column(name = "fiscal_year_end", nullable = false, updatable = false)
    public String fiscalYearEnd;

    /** Obligations start on this date; null means they cover whatever range is asked. */
    @Column(name = "liable_from", updatable = false)
    public LocalDate liableFrom;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    /** A declarant as registered by {@code createdBy}: its SIREN, VAT number and fiscal year end already checked. */
    public static Declarant registered(UUID id, String name, String siren, String vatNumber, VatRegime vatRegime,
                                       String fiscalYearEnd, LocalDate liableFrom, Instant createdAt, String createdBy) {
        Declarant declarant = new Declarant();
        declarant.id = Objects.requireNonNull(id, "id");
        declarant.name = Objects.requireNonNull(name, "name");
        declarant.siren = Objects.requireNonNull(siren, "siren");
        declarant.vatNumber = Objects.requireNonNull(vatNumber, "vatNumber");
        declarant.vatRegime = Objects.requireNonNull(vatRegime, "vatRegime");
        declarant.fiscalYearEnd = Objects.requireNonNull(fiscalYearEnd, "fiscalYearEnd");
        declarant.liableFrom = liableFrom;
        declarant.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        declarant.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        return declarant;
    }

    public MonthDay fiscalYearEndDay() {
        return FiscalYearEnd.parse(fiscalYearEnd);
    }
}
