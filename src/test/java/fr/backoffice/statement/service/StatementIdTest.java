package fr.backoffice.statement.service;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Stmt/Id}: deterministic, at most 35 characters whatever the IBAN's length. */
class StatementIdTest {

    @Test
    void the_day_and_a_french_iban_fill_the_35_characters() {
        assertThat(StatementService.statementId(LocalDate.of(2026, 11, 30), "FR7612548000010000000000146", UUID.randomUUID()))
                .isEqualTo("20261130FR7612548000010000000000146").hasSize(35);
    }

    @Test
    void a_longer_iban_gives_the_day_and_the_accounts_id() {
        UUID account = UUID.fromString("019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70");
        String id = StatementService.statementId(LocalDate.of(2026, 11, 30), "MT84MALT011000012345MTLCAST001S", account);
        assertThat(id).isEqualTo("20261130-AZrJ0m8-fEGajisdTF5vcA").hasSizeLessThanOrEqualTo(35);
        assertThat(StatementService.statementId(LocalDate.of(2026, 11, 30), "MT84MALT011000012345MTLCAST001S", account)).isEqualTo(id);
    }
}
