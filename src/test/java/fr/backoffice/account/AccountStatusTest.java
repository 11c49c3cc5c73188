package fr.backoffice.account;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static fr.backoffice.account.AccountStatus.ACTIVE;
import static fr.backoffice.account.AccountStatus.CLOSED;
import static fr.backoffice.account.AccountStatus.FROZEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The account state machine, in plain Java: every allowed move, and every other one refused with 409. */
class AccountStatusTest {

    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    private static final Map<AccountStatus, Set<AccountStatus>> ALLOWED = Map.of(
            ACTIVE, EnumSet.of(FROZEN, CLOSED),
            FROZEN, EnumSet.of(ACTIVE),
            CLOSED, EnumSet.noneOf(AccountStatus.class));

    @Test
    void every_move_is_allowed_exactly_when_listed() {
        for (AccountStatus from : AccountStatus.values()) {
            for (AccountStatus to : AccountStatus.values()) {
                assertThat(from.canBecome(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
                if (!ALLOWED.get(from).contains(to)) {
                    assertThatThrownBy(() -> from.require(to, "move")).isInstanceOfSatisfying(ApiException.class, refusal -> {
                        assertThat(refusal.code()).isEqualTo(ProblemCode.INVALID_TRANSITION);
                        assertThat(refusal.status()).isEqualTo(409);
                        assertThat(refusal.getMessage()).isEqualTo("Cannot move the account from status " + from + ".");
                    });
                }
            }
        }
    }

    @Test
    void an_account_opens_active_and_empty_then_takes_each_allowed_move() {
        Account account = new Account();
        account.type = AccountType.CURRENT;
        account.open("agent-7", NOON);
        assertThat(account.status).isEqualTo(ACTIVE);
        assertThat(account.ledgerBalance).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(account.heldAmount).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(account.openedBy).isEqualTo("agent-7");
        assertThatThrownBy(() -> account.open("agent-8", NOON)).isInstanceOf(IllegalStateException.class);

        account.freeze("agent-7", "check", NOON);
        assertThat(account.status).isEqualTo(FROZEN);
        account.unfreeze("supervisor-1", "fine", NOON);
        assertThat(account.status).isEqualTo(ACTIVE);
        account.close("agent-7", null, NOON);
        assertThat(account.status).isEqualTo(CLOSED);
    }

    @Test
    void a_frozen_account_is_unfrozen_before_it_closes() {
        Account account = new Account();
        account.open("agent-7", NOON);
        account.freeze("agent-7", "check", NOON);
        assertThatThrownBy(() -> account.close("agent-7", null, NOON.plusSeconds(1)))
                .isInstanceOfSatisfying(ApiException.class, refusal -> assertThat(refusal.getMessage())
                        .isEqualTo("Cannot close the account from status FROZEN."));
        assertThat(account.status).isEqualTo(FROZEN);
        assertThat(account.closedAt).isNull();
    }
}
