package fr.backoffice.statement;

import fr.backoffice.common.iso20022.IsoXmlWriter;
import fr.backoffice.statement.api.BankTransactionCode;
import fr.backoffice.statement.api.Counterparty;
import fr.backoffice.statement.api.StatementAuthorizations;
import fr.backoffice.statement.api.StatementBalance;
import fr.backoffice.statement.api.StatementEntry;
import fr.backoffice.statement.api.StatementSummary;
import fr.backoffice.statement.api.StatementView;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement as an ISO 20022 {@code camt.053.001.08} bank-to-customer statement: one {@code Stmt} with the account,
 * the opening ({@code OPBD}) and closing ({@code CLBD}) booked balances, the day's totals and one {@code Ntry} per
 * entry, written from the same {@link StatementView} the JSON answer is. Amounts are unsigned, their direction in
 * {@code CdtDbtInd}; elements in the order the schema requires.
 */
public final class Camt053 {

    public static final String MESSAGE = "camt.053.001.08";
    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:" + MESSAGE;

    private Camt053() {
    }

    public static byte[] write(StatementView statement) {
        String ccy = statement.currency();
        IsoXmlWriter xml = IsoXmlWriter.document(MESSAGE).open("BkToCstmrStmt");
        xml.open("GrpHdr").text("MsgId", statement.messageId()).dateTime("CreDtTm", statement.createdAt()).close();
        xml.open("Stmt")
                .text("Id", statement.id())
                .dateTime("CreDtTm", statement.createdAt())
                .open("FrToDt").dateTime("FrDtTm", statement.from()).dateTime("ToDtTm", statement.to()).close();
        xml.open("Acct")
                .open("Id").text("IBAN", statement.iban()).close()
                .text("Ccy", ccy)
                .open("Ownr").text("Nm", statement.ownerName()).close()
                .close();
        balance(xml, "OPBD", statement.openingBalance(), ccy);
        balance(xml, "CLBD", statement.closingBalance(), ccy);
        summary(xml, statement.summary());
        for (StatementEntry entry : statement.entries()) {
            entry(xml, entry, ccy);
        }
        String information = information(statement);
        if (!information.isEmpty()) {
            xml.text("AddtlStmtInf", information);
        }
        return xml.finish();
    }

    /** {@code AddtlStmtInf} (one, at most 500 characters): a statement so far, the authorizations open at its end. */
    static String information(StatementView statement) {
        List<String> parts = new ArrayList<>();
        if (!statement.complete()) {
            parts.add("Statement so far: entries posted up to " + IsoXmlWriter.dateTime(statement.to()) + "; the day is not over");
        }
        StatementAuthorizations open = statement.authorizations();
        if (open.open() > 0) {
            parts.add(open.open() + " authorization(s) open, reserving " + open.reserved() + " " + statement.currency()
                    + " (not booked)");
        }
        return String.join(". ", parts);
    }

    private static void balance(IsoXmlWriter xml, String type, StatementBalance balance, String ccy) {
        xml.open("Bal")
                .open("Tp").open("CdOrPrtry").text("Cd", type).close().close()
                .amountInCurrency("Amt", unsigned(balance.amount()), ccy)
                .text("CdtDbtInd", balance.creditDebit())
                .open("Dt").date("Dt", balance.date()).close()
                .close();
    }

    private static void summary(IsoXmlWriter xml, StatementSummary summary) {
        BigDecimal credits = new BigDecimal(summary.sumOfCredits());
        BigDecimal debits = new BigDecimal(summary.sumOfDebits());
        BigDecimal net = new BigDecimal(summary.net());
        xml.open("TxsSummry")
                .open("TtlNtries")
                .text("NbOfNtries", Integer.toString(summary.numberOfEntries()))
                .decimalNumber("Sum", credits.add(debits))
                .open("TtlNetNtry").decimalNumber("Amt", net.abs()).text("CdtDbtInd", net.signum() < 0 ? "DBIT" : "CRDT").close()
                .close()
                .open("TtlCdtNtries").text("NbOfNtries", Integer.toString(summary.numberOfCredits())).decimalNumber("Sum", credits).close()
                .open("TtlDbtNtries").text("NbOfNtries", Integer.toString(summary.numberOfDebits())).decimalNumber("Sum", debits).close()
                .close();
    }

    private static void entry(IsoXmlWriter xml, StatementEntry entry, String ccy) {
        BigDecimal amount = unsigned(entry.amount());
        BankTransactionCode code = entry.bankTransactionCode();
        xml.open("Ntry")
                .text("NtryRef", entry.entryId().replace("-", ""))
                .amountInCurrency("Amt", amount, ccy)
                .text("CdtDbtInd", entry.creditDebit())
                .open("Sts").text("Cd", "BOOK").close()
                .open("BookgDt").date("Dt", entry.bookingDate()).close()
                .open("ValDt").date("Dt", entry.valueDate()).close()
                .open("BkTxCd").open("Domn")
                .text("Cd", code.domain())
                .open("Fmly").text("Cd", code.family()).text("SubFmlyCd", code.subFamily()).close()
                .close().close();
        xml.open("NtryDtls").open("TxDtls")
                .open("Refs").text("EndToEndId", entry.endToEndId()).text("TxId", entry.transactionId()).close()
                .amountInCurrency("Amt", amount, ccy)
                .text("CdtDbtInd", entry.creditDebit());
        Counterparty party = entry.counterparty();
        if (party != null) {
            // the account was credited: the other party paid (debtor); debited: it was paid (creditor)
            String role = "CRDT".equals(entry.creditDebit()) ? "Dbtr" : "Cdtr";
            xml.open("RltdPties").open(role).open("Pty").text("Nm", party.name()).close().close();
            if (party.iban() != null) {
                xml.open(role + "Acct").open("Id").text("IBAN", party.iban()).close().close();
            }
            xml.close();
        }
        if (entry.label() != null) {
            xml.open("RmtInf").text("Ustrd", entry.label()).close();
        }
        xml.close().close().close();
    }

    private static BigDecimal unsigned(String amount) {
        return new BigDecimal(amount).abs();
    }
}
