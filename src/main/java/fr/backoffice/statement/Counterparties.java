package fr.backoffice.statement;

import fr.backoffice.account.Account;
import fr.backoffice.operation.Operation;
import fr.backoffice.statement.api.Counterparty;

import java.util.Map;
import java.util.UUID;

/**
 * Who is on the other side of an entry, as far as the bank knows: the holder of the other account of ours when the
 * operation names one, otherwise the party outside the bank the operation recorded (one case per operation type).
 * Plain Java.
 */
public final class Counterparties {

    private Counterparties() {
    }

    /** The party outside the bank the operation recorded, or null when it has none. */
    public static Counterparty external(Operation op) {
        return switch (op.type) {
            case TRANSFER -> op.creditorIban == null ? null : new Counterparty(op.creditorName, op.creditorIban);
            // the drawer's name only: a cheque carries no IBAN
            case CHEQUE_DEPOSIT -> op.chequeDrawerName == null ? null : new Counterparty(op.chequeDrawerName, null);
            case INCOMING_TRANSFER -> new Counterparty(op.debtorName, op.debtorIban);
            case CASH_DEPOSIT, CASH_WITHDRAWAL, FEE, REVERSAL, CLEARING_SETTLEMENT, RECONCILIATION_WRITE_OFF -> null;
        };
    }

    /**
     * The account of ours on the other side of an entry on {@code account}, or null: for the debited account, the
     * credited one, and the other way round; for an internal account of the unit the operation moved money through
     * (cash, outgoing transfers, fee income...), the customer's account.
     */
    public static UUID otherAccount(Operation op, UUID account) {
        if (account.equals(op.debitAccountId)) {
            return op.creditAccountId;
        }
        if (account.equals(op.creditAccountId)) {
            return op.debitAccountId;
        }
        return op.debitAccountId != null ? op.debitAccountId : op.creditAccountId;
    }

    /** The counterparty an entry on {@code account} shows; {@code accounts} holds the other accounts, by id. */
    public static Counterparty of(Operation op, UUID account, Map<UUID, Account> accounts) {
        UUID other = otherAccount(op, account);
        Account known = other == null ? null : accounts.get(other);
        if (known != null) {
            return new Counterparty(known.holderName, known.iban);
        }
        boolean ownSide = account.equals(op.debitAccountId) || account.equals(op.creditAccountId);
        return ownSide ? external(op) : null;
    }
}
