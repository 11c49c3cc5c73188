package fr.backoffice.operation;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ISO 9362 BICs as SEPA carries them (BICFI): the shape, and a country that exists. */
class BicTest {

    @ParameterizedTest
    @ValueSource(strings = {"BNPAFRPPXXX", "COBADEFFXXX", "COBADEFF", "ABNANL2A", "RABONL2UXXX", "UNCRITMM", "BKAUATWWXXX",
            "DEUTDEBB101", "BOFRFRPPXXX"})
    void a_bic_of_8_or_11_characters_with_a_known_country_is_accepted(String bic) {
        assertThat(Bic.problem(bic)).isEmpty();
        assertThat(Bic.parse("creditor.bic", bic)).isEqualTo(bic);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BNPAFRPP1", "BNPAFRPPXX", "BNPAFRPPXXXX", "bnpafrppxxx", "BNPA FRPPXXX", "1NPAFRPPXXX",
            "BNPA12PPXXX", "BNPAQQPPXXX", "BNPAFRPP-XX", "BNPAFRPPXXÉ"})
    void anything_else_is_refused_with_the_reason(String bic) {
        assertThat(Bic.problem(bic)).isPresent();
        assertThatThrownBy(() -> Bic.parse("creditor.bic", bic)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(ProblemCode.INVALID_BIC);
            assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("creditor.bic"));
        });
    }

    @Test
    void the_country_must_be_an_iso_3166_country() {
        assertThat(Bic.problem("BNPAQQPPXXX")).get().asString().contains("QQ");
        // Kosovo has BICs (XK) though ISO 3166 has not assigned it
        assertThat(Bic.problem("RBKOXKPRXXX")).isEmpty();
    }
}
