package fr.backoffice.account;

import fr.backoffice.common.error.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules an account applies alone, in plain Java: no Quarkus, no database. */
class AccountTest {

    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    static Account account(AccountType type, String ledgerBalance, String heldAmount, String overdraftLimit) {
        Account account = new Account();
        account.type = type;
        account.currency = "EUR";
        account.unit = "PAR-01";
        account.status = AccountStatus.ACTIVE;
        account.holderName = "Camille Martin";
        account.ledgerBalance = new BigDecimal(ledgerBalance);
        account.heldAmount = new BigDecimal(heldAmount);
        account.overdraftLimit = overdraftLimit == null ? null : new BigDecimal(overdraftLimit);
        return account;
    }

    static Account current() {
        return account(AccountType.CURRENT, "0.00", "0.00", "0.00");
    }

    static void refused(ThrowingCallable action, int status, String code) {
        assertThatThrownBy(action).isInstanceOfSatisfying(ApiException.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.code().name()).isEqualTo(code);
        });
    }

    @Test
    void the_available_balance_is_the_ledger_balance_less_what_is_held() {
        assertThat(account(AccountType.CURRENT, "100.00", "30.50", "0.00").availableBalance())
                .isEqualByComparingTo("69.50");
        assertThat(account(AccountType.CURRENT, "-20.00", "10.00", "50.00").availableBalance())
                .isEqualByComparingTo("-30.00");
    }

    @Nested
    class Freezing {

        @Test
        void an_active_account_freezes_and_records_who_when_and_why() {
            Account account = current();
            account.freeze("agent-7", "Suspected fraud", NOON);
            assertThat(account.status).isEqualTo(AccountStatus.FROZEN);
            assertThat(account.statusChangedBy).isEqualTo("agent-7");
            assertThat(account.statusChangedAt).isEqualTo(NOON);
            assertThat(account.statusReason).isEqualTo("Suspected fraud");
            assertThat(account.closedAt).isNull();
        }

        @Test
        void a_frozen_account_does_not_freeze_again() {
            Account account = current();
            account.freeze("agent-7", "First", NOON);
            refused(() -> account.freeze("agent-8", "Second", NOON.plusSeconds(1)), 409, "INVALID_TRANSITION");
            assertThat(account.statusChangedBy).isEqualTo("agent-7");
        }

        @Test
        void a_frozen_account_unfreezes_to_active() {
            Account account = current();
            account.freeze("agent-7", "Check", NOON);
            account.unfreeze("supervisor-1", "Identity confirmed", NOON.plusSeconds(60));
            assertThat(account.status).isEqualTo(AccountStatus.ACTIVE);
            assertThat(account.statusChangedBy).isEqualTo("supervisor-1");
            assertThat(account.statusChangedAt).isEqualTo(NOON.plusSeconds(60));
            assertThat(account.statusReason).isEqualTo("Identity confirmed");
        }

        @Test
        void an_active_account_does_not_unfreeze() {
            refused(() -> current().unfreeze("supervisor-1", null, NOON), 409, "INVALID_TRANSITION");
        }

        @Test
        void a_closed_account_neither_freezes_nor_unfreezes() {
            Account account = current();
            account.close("agent-7", null, NOON);
            refused(() -> account.freeze("agent-7", "Too late", NOON), 409, "INVALID_TRANSITION");
            refused(() -> account.unfreeze("supervisor-1", "Too late", NOON), 409, "INVALID_TRANSITION");
            assertThat(account.status).isEqualTo(AccountStatus.CLOSED);
        }
    }

    @Nested
    class Closing {

        @Test
        void an_empty_active_account_closes() {
            Account account = current();
            account.close("agent-7", "Customer request", NOON);
            assertThat(account.status).isEqualTo(AccountStatus.CLOSED);
            assertThat(account.closedAt).isEqualTo(NOON);
            assertThat(account.statusChangedBy).isEqualTo("agent-7");
            assertThat(account.statusReason).isEqualTo("Customer request");
        }

        @Test
        void zero_at_any_scale_is_empty() {
            Account account = account(AccountType.CURRENT, "0.000", "0", "0.00");
            account.close("agent-7", null, NOON);
            assertThat(account.status).isEqualTo(AccountStatus.CLOSED);
        }

        @Test
        void an_account_with_a_balance_does_not_close() {
            for (String balance : new String[]{"0.01", "-0.01", "1250.00"}) {
                Account account = account(AccountType.CURRENT, balance, "0.00", "100.00");
                refused(() -> account.close("agent-7", null, NOON), 422, "ACCOUNT_NOT_EMPTY");
                assertThat(account.status).isEqualTo(AccountStatus.ACTIVE);
                assertThat(account.closedAt).isNull();
            }
        }

        @Test
        void an_account_with_money_held_does_not_close() {
            Account account = account(AccountType.CURRENT, "0.00", "15.00", "100.00");
            refused(() -> account.close("agent-7", null, NOON), 422, "ACCOUNT_NOT_EMPTY");
            assertThat(account.status).isEqualTo(AccountStatus.ACTIVE);
        }

        @Test
        void a_frozen_account_does_not_close() {
            Account account = current();
            account.freeze("agent-7", "Check", NOON);
            refused(() -> account.close("agent-7", null, NOON), 409, "INVALID_TRANSITION");
            assertThat(account.closedAt).isNull();
        }

        @Test
        void a_closed_account_does_not_close_again() {
            Account account = current();
            account.close("agent-7", null, NOON);
            refused(() -> account.close("agent-8", null, NOON.plusSeconds(5)), 409, "INVALID_TRANSITION");
            assertThat(account.closedAt).isEqualTo(NOON);
        }

        @Test
        void the_status_is_checked_before_the_balance() {
            Account account = account(AccountType.CURRENT, "10.00", "0.00", "0.00");
            account.freeze("agent-7", "Check", NOON);
            refused(() -> account.close("agent-7", null, NOON), 409, "INVALID_TRANSITION");
        }
    }

    @Nested
    class OverdraftLimits {

        @Test
        void a_current_account_gets_a_new_limit() {
            Account account = current();
            account.changeOverdraftLimit(new BigDecimal("800.00"));
            assertThat(account.overdraftLimit).isEqualByComparingTo("800.00");
            account.changeOverdraftLimit(new BigDecimal("0.00"));
            assertThat(account.overdraftLimit).isEqualByComparingTo("0");
        }

        @Test
        void a_savings_account_keeps_a_zero_limit() {
            Account savings = account(AccountType.SAVINGS, "100.00", "0.00", "0.00");
            savings.changeOverdraftLimit(BigDecimal.ZERO);
            refused(() -> savings.changeOverdraftLimit(new BigDecimal("0.01")), 422, "OVERDRAFT_NOT_ALLOWED");
            assertThat(savings.overdraftLimit).isEqualByComparingTo("0");
        }

        @Test
        void an_internal_account_has_no_limit_to_change() {
            Account internal = account(AccountType.INTERNAL, "-5000.00", "0.00", null);
            refused(() -> internal.changeOverdraftLimit(BigDecimal.ZERO), 422, "OVERDRAFT_NOT_ALLOWED");
            refused(() -> internal.changeOverdraftLimit(new BigDecimal("100.00")), 422, "OVERDRAFT_NOT_ALLOWED");
            assertThat(internal.overdraftLimit).isNull();
        }

        @Test
        void a_limit_cannot_shrink_below_the_overdraft_in_use() {
            Account account = account(AccountType.CURRENT, "-250.00", "50.00", "500.00");
            refused(() -> account.changeOverdraftLimit(new BigDecimal("299.99")), 422, "OVERDRAFT_IN_USE");
            assertThat(account.overdraftLimit).isEqualByComparingTo("500.00");

            account.changeOverdraftLimit(new BigDecimal("300.00"));
            assertThat(account.overdraftLimit).isEqualByComparingTo("300.00");
        }

        @Test
        void money_held_counts_as_overdraft_in_use() {
            Account account = account(AccountType.CURRENT, "100.00", "400.00", "500.00");
            refused(() -> account.changeOverdraftLimit(new BigDecimal("200.00")), 422, "OVERDRAFT_IN_USE");
        }

        @Test
        void a_frozen_account_still_gets_a_new_limit_but_a_closed_one_does_not() {
            Account frozen = current();
            frozen.freeze("agent-7", "Check", NOON);
            frozen.changeOverdraftLimit(new BigDecimal("100.00"));
            assertThat(frozen.overdraftLimit).isEqualByComparingTo("100.00");

            Account closed = current();
            closed.close("agent-7", null, NOON);
            refused(() -> closed.changeOverdraftLimit(new BigDecimal("100.00")), 422, "ACCOUNT_CLOSED");
        }

        @Test
        void the_opening_rule_refuses_an_overdraft_on_savings_and_any_limit_on_internal_accounts() {
            Account.checkOverdraftAllowed(AccountType.CURRENT, new BigDecimal("1000.00"));
            Account.checkOverdraftAllowed(AccountType.SAVINGS, BigDecimal.ZERO);
            refused(() -> Account.checkOverdraftAllowed(AccountType.SAVINGS, new BigDecimal("100.00")), 422,
                    "OVERDRAFT_NOT_ALLOWED");
            refused(() -> Account.checkOverdraftAllowed(AccountType.INTERNAL, BigDecimal.ZERO), 422,
                    "OVERDRAFT_NOT_ALLOWED");
        }

        @Test
        void an_opening_grants_at_most_the_banks_default_at_the_currencys_scale_cut_down() {
            Currency euro = Currency.getInstance("EUR");
            assertThat(Account.defaultOverdraftLimit(AccountType.CURRENT, new BigDecimal("0.00"), euro)).isEqualTo("0.00");
            assertThat(Account.defaultOverdraftLimit(AccountType.CURRENT, new BigDecimal("250"), euro)).isEqualTo("250.00");
            assertThat(Account.defaultOverdraftLimit(AccountType.CURRENT, new BigDecimal("250.50"), Currency.getInstance("JPY")))
                    .isEqualTo("250");
            assertThat(Account.defaultOverdraftLimit(AccountType.CURRENT, new BigDecimal("250.50"), Currency.getInstance("TND")))
                    .isEqualTo("250.500");
            assertThat(Account.defaultOverdraftLimit(AccountType.CURRENT, new BigDecimal("0.999"), euro)).isEqualTo("0.99");
            assertThat(Account.defaultOverdraftLimit(AccountType.SAVINGS, new BigDecimal("250.00"), euro))
                    .as("savings accounts are never overdrawn").isEqualTo("0.00");
            assertThat(Account.defaultOverdraftLimit(AccountType.CURRENT, new BigDecimal("-5.00"), euro))
                    .as("a negative default grants nothing").isEqualTo("0.00");
        }
    }

    @Nested
    class Renaming {

        @Test
        void an_open_or_frozen_account_changes_its_holder_name() {
            Account account = current();
            account.renameHolder("Camille Martin-Durand");
            assertThat(account.holderName).isEqualTo("Camille Martin-Durand");
            account.freeze("agent-7", "Check", NOON);
            account.renameHolder("C. Martin-Durand");
            assertThat(account.holderName).isEqualTo("C. Martin-Durand");
        }

        @Test
        void a_closed_account_keeps_its_holder_name() {
            Account account = current();
            account.close("agent-7", null, NOON);
            refused(() -> account.renameHolder("Someone"), 422, "ACCOUNT_CLOSED");
            assertThat(account.holderName).isEqualTo("Camille Martin");
        }
    }
}
