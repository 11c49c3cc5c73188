package fr.backoffice.statement;

import fr.backoffice.account.Account;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationType;
import fr.backoffice.statement.api.Counterparty;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who an entry shows on the other side (camt.053 {@code RltdPties}). */
class CounterpartiesTest {

    private static final UUID CUSTOMER = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final UUID INTERNAL = UUID.randomUUID();

    @Test
    void an_internal_transfer_shows_the_other_account_on_each_side() {
        Operation op = op(OperationType.TRANSFER, CUSTOMER, OTHER);
        Map<UUID, Account> accounts = Map.of(CUSTOMER, account(CUSTOMER, "Camille Martin", "FR7612548000010000000000146"),
                OTHER, account(OTHER, "Jean Durand", "FR7612548000010000000000243"));
        assertThat(Counterparties.of(op, CUSTOMER, accounts)).isEqualTo(new Counterparty("Jean Durand", "FR7612548000010000000000243"));
        assertThat(Counterparties.of(op, OTHER, accounts)).isEqualTo(new Counterparty("Camille Martin", "FR7612548000010000000000146"));
    }

    @Test
    void an_external_transfer_shows_its_creditor_and_the_outgoing_account_shows_the_customer() {
        Operation op = op(OperationType.TRANSFER, CUSTOMER, null);
        op.creditorName = "Dupont SARL";
        op.creditorIban = "DE89370400440532013000";
        Map<UUID, Account> accounts = Map.of(CUSTOMER, account(CUSTOMER, "Camille Martin", "FR7612548000010000000000146"));
        assertThat(Counterparties.of(op, CUSTOMER, accounts)).isEqualTo(new Counterparty("Dupont SARL", "DE89370400440532013000"));
        assertThat(Counterparties.otherAccount(op, INTERNAL)).isEqualTo(CUSTOMER);
        assertThat(Counterparties.of(op, INTERNAL, accounts)).isEqualTo(new Counterparty("Camille Martin", "FR7612548000010000000000146"));
    }

    @Test
    void a_cheque_shows_its_drawer_without_iban_and_cash_or_fees_show_nobody() {
        Operation cheque = op(OperationType.CHEQUE_DEPOSIT, null, CUSTOMER);
        cheque.chequeDrawerName = "Jean Durand";
        assertThat(Counterparties.of(cheque, CUSTOMER, Map.of())).isEqualTo(new Counterparty("Jean Durand", null));
        assertThat(Counterparties.of(op(OperationType.CASH_DEPOSIT, null, CUSTOMER), CUSTOMER, Map.of())).isNull();
        assertThat(Counterparties.of(op(OperationType.CASH_WITHDRAWAL, CUSTOMER, null), CUSTOMER, Map.of())).isNull();
        assertThat(Counterparties.of(op(OperationType.FEE, CUSTOMER, null), CUSTOMER, Map.of())).isNull();
    }

    private static Operation op(OperationType type, UUID debit, UUID credit) {
        Operation op = new Operation();
        op.id = UUID.randomUUID();
        op.type = type;
        op.debitAccountId = debit;
        op.creditAccountId = credit;
        return op;
    }

    private static Account account(UUID id, String holder, String iban) {
        Account account = new Account();
        account.id = id;
        account.holderName = holder;
        account.iban = iban;
        return account;
    }
}
