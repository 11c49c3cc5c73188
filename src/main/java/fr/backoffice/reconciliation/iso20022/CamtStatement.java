package fr.backoffice.reconciliation.iso20022;

import fr.backoffice.clearing.iso20022.InvalidMessage;
import fr.backoffice.clearing.iso20022.IsoXmlReader;
import fr.backoffice.clearing.iso20022.MessageLimitExceeded;
import fr.backoffice.common.iso20022.IsoXmlWriter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settlement bank's statement of one of our accounts (docs/reconciliation.md "Reconciliation"): a camt.053.001.08
 * (BkToCstmrStmt, end of day, with its opening and closing booked balances) or a camt.054.001.08
 * (BkToCstmrDbtCdtNtfctn, intraday debit and credit notification, no balances), read with the clearing's safe reader
 * and its limits ({@link IsoXmlReader}). One {@code Stmt} or {@code Ntfctn} per message. Each booked {@code Ntry}
 * becomes a line, or, when it details its transactions ({@code NtryDtls/TxDtls}), each of them does.
 *
 * <p>What is checked, the message refused whole otherwise ({@link InvalidMessage}, naming the element): the amounts
 * (two decimals, the account's currency), the dates, the group totals ({@code TxsSummry}: number and sum of the entries,
 * of the credits, of the debits, and the net; a batch's {@code NbOfTxs} and {@code TtlAmt}, and its transactions'
 * amounts adding up to the entry's), and for a camt.053 that the opening balance plus the entries is the closing balance.
 */
public final class CamtStatement {

    public static final String STATEMENT = "camt.053.001.08";
    public static final String NOTIFICATION = "camt.054.001.08";
    public static final String CREDIT = "CRDT";
    public static final String DEBIT = "DBIT";
    /** ISO 20022 EndToEndId when the payer gave none: not a reference. */
    public static final String NOT_PROVIDED = "NOTPROVIDED";

    private static final Pattern DECIMAL = Pattern.compile("^[+]?[0-9]{1,18}(\\.[0-9]{1,18})?$");
    private static final Pattern SEQUENCE = Pattern.compile("^[0-9]{1,18}$");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");

    private CamtStatement() {
    }

    /** A balance as the bank writes it: signed (CRDT positive, DBIT negative), on a date; {@code path} names its Bal. */
    public record Balance(String path, BigDecimal amount, LocalDate date) {
    }

    /**
     * One line: an Ntry, or one TxDtls of it. Amount unsigned, {@code creditDebit} CRDT (money in at the bank) or DBIT;
     * references as the bank gives them, null when absent.
     */
    public record Line(String path, BigDecimal amount, String creditDebit, LocalDate bookingDate, LocalDate valueDate,
                       String accountServicerRef, String endToEndId, String transactionId, String messageId,
                       String remittance, String counterpartyName, String counterpartyIban) {

        /** The EndToEndId when it is one (not absent, not NOTPROVIDED). */
        public Optional<String> reference() {
            return Optional.ofNullable(endToEndId).filter(id -> !NOT_PROVIDED.equals(id));
        }
    }

    /**
     * What the message says. {@code messageType} is {@link #STATEMENT} or {@link #NOTIFICATION}; {@code opening} and
     * {@code closing} are there for a statement only; {@code periodEnd} is {@code FrToDt/ToDtTm} when given (else null),
     * {@code lastDate} the latest date the message is about (its closing balance's, else its last booking date).
     */
    public record Message(String messageType, String messageId, String statementRef, Long sequenceNumber, String iban,
                          String ibanPath, String currency, Balance opening, Balance closing, Instant periodEnd,
                          LocalDate lastDate, List<Line> lines) {
    }

    /** Reads a camt.053.001.08 or camt.054.001.08, whichever the root's namespace is. */
    public static Message read(byte[] xml) {
        String type = namespaceOf(xml);
        IsoXmlReader.Element document = IsoXmlReader.read(xml, type);
        boolean statement = STATEMENT.equals(type);
        IsoXmlReader.Element root = document.one(statement ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn");
        String messageId = root.one("GrpHdr").text("MsgId", 35);
        List<IsoXmlReader.Element> reports = root.all(statement ? "Stmt" : "Ntfctn");
        if (reports.isEmpty()) {
            throw new InvalidMessage(root.path() + "/" + (statement ? "Stmt" : "Ntfctn"), "missing");
        }
        if (reports.size() > 1) {
            throw new InvalidMessage(reports.get(1).path(), "one account's statement per message: this one has "
                    + reports.size() + "; send each account's in its own message");
        }
        IsoXmlReader.Element report = reports.get(0);
        String reportId = report.text("Id", 35);
        Long sequence = report.maybe("ElctrncSeqNb").map(CamtStatement::sequence).orElse(null);
        IsoXmlReader.Element account = report.one("Acct");
        IsoXmlReader.Element ibanElement = account.one("Id").one("IBAN");
        String iban = ibanElement.iban();
        String currency = account.maybe("Ccy").map(c -> c.text(3)).orElse(null);

        List<IsoXmlReader.Element> entries = report.all("Ntry");
        if (entries.size() > IsoXmlReader.MAX_TRANSACTIONS) {
            throw new MessageLimitExceeded(entries.get(IsoXmlReader.MAX_TRANSACTIONS).path(), "more than "
                    + IsoXmlReader.MAX_TRANSACTIONS + " entries in one message (" + entries.size() + ")");
        }
        if (currency == null) {
            currency = entries.isEmpty() ? "EUR" : Optional.ofNullable(entries.get(0).one("Amt").attribute("Ccy")).orElse("EUR");
        }
        Balance opening = null;
        Balance closing = null;
        if (statement) {
            opening = balance(report, "OPBD", currency);
            closing = balance(report, "CLBD", currency);
        }
        BigDecimal credits = BigDecimal.ZERO;
        BigDecimal debits = BigDecimal.ZERO;
        int creditCount = 0;
        List<Line> lines = new ArrayList<>();
        LocalDate lastDate = closing == null ? null : closing.date();
        for (IsoXmlReader.Element entry : entries) {
            BigDecimal amount = entry.one("Amt").amount(currency);
            String sign = creditDebit(entry.one("CdtDbtInd"));
            if (CREDIT.equals(sign)) {
                credits = credits.add(amount);
                creditCount++;
            } else {
                debits = debits.add(amount);
            }
            String status = entry.one("Sts").maybe("Cd").map(c -> c.text(4)).orElse("");
            LocalDate booking = entry.maybe("BookgDt").map(CamtStatement::dateOrDateTime).orElse(null);
            LocalDate value = entry.maybe("ValDt").map(CamtStatement::dateOrDateTime).orElse(booking);
            if (value == null) {
                throw new InvalidMessage(entry.path() + "/ValDt", "missing, and no BookgDt either");
            }
            if (!statement && booking != null && (lastDate == null || booking.isAfter(lastDate))) {
                lastDate = booking;
            }
            // only booked entries are reconciled: pending (PDNG) or information (INFO) ones are counted in the totals
            if ("BOOK".equals(status)) {
                lines.addAll(linesOf(entry, amount, sign, booking, value, currency));
            }
        }
        if (lines.size() > IsoXmlReader.MAX_TRANSACTIONS) {
            throw new MessageLimitExceeded(report.path(), "more than " + IsoXmlReader.MAX_TRANSACTIONS
                    + " transactions in one message (" + lines.size() + ")");
        }
        Optional<IsoXmlReader.Element> summary = report.maybe("TxsSummry");
        if (summary.isPresent()) {
            checkSummary(summary.get(), entries.size(), creditCount, credits, debits);
        }
        if (statement && opening.amount().add(credits).subtract(debits).compareTo(closing.amount()) != 0) {
            throw new InvalidMessage(closing.path(), "the closing balance " + signed(closing.amount()) + " is not the "
                    + "opening balance " + signed(opening.amount()) + " plus the entries (" + signed(credits.subtract(debits))
                    + "): " + signed(opening.amount().add(credits).subtract(debits)));
        }
        Instant periodEnd = report.maybe("FrToDt").flatMap(period -> period.maybe("ToDtTm")).map(CamtStatement::dateTime)
                .orElse(null);
        if (lastDate == null) {
            lastDate = report.maybe("FrToDt").flatMap(period -> period.maybe("ToDtTm")).map(e -> dateTimeDate(e))
                    .orElse(null);
        }
        if (periodEnd == null && lastDate == null) {
            throw new InvalidMessage(report.path() + "/FrToDt", "missing, and no entry or balance gives a date");
        }
        return new Message(type, messageId, reportId, sequence, iban, ibanElement.path(), currency, opening, closing,
                periodEnd, lastDate, List.copyOf(lines));
    }

    private static List<Line> linesOf(IsoXmlReader.Element entry, BigDecimal amount, String sign, LocalDate booking,
                                      LocalDate value, String currency) {
        String servicerRef = entry.optionalText("AcctSvcrRef", 35).orElse(null);
        List<IsoXmlReader.Element> details = entry.all("NtryDtls");
        List<IsoXmlReader.Element> transactions = new ArrayList<>();
        String batchMessageId = null;
        for (IsoXmlReader.Element detail : details) {
            Optional<IsoXmlReader.Element> batch = detail.maybe("Btch");
            List<IsoXmlReader.Element> own = detail.all("TxDtls");
            if (batch.isPresent()) {
                batchMessageId = batch.get().optionalText("MsgId", 35).orElse(batchMessageId);
                Optional<IsoXmlReader.Element> count = batch.get().maybe("NbOfTxs");
                if (count.isPresent() && !own.isEmpty() && count.get().count() != own.size()) {
                    throw new InvalidMessage(count.get().path(), "says " + count.get().text() + " transactions, the "
                            + "entry details " + own.size());
                }
                Optional<IsoXmlReader.Element> total = batch.get().maybe("TtlAmt");
                if (total.isPresent() && total.get().amount(currency).compareTo(amount) != 0) {
                    throw new InvalidMessage(total.get().path(), "is " + total.get().text() + ", the entry's amount is "
                            + IsoXmlWriter.decimal(amount));
                }
            }
            transactions.addAll(own);
        }
        if (transactions.isEmpty()) {
            return List.of(new Line(entry.path(), amount, sign, booking, value, servicerRef, null, null, batchMessageId,
                    null, null, null));
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (IsoXmlReader.Element tx : transactions) {
            Optional<IsoXmlReader.Element> ownAmount = tx.maybe("Amt");
            if (ownAmount.isEmpty() && transactions.size() > 1) {
                throw new InvalidMessage(tx.path() + "/Amt", "missing: each transaction of a batched entry gives its amount");
            }
            BigDecimal txAmount = ownAmount.map(a -> a.amount(currency)).orElse(amount);
            String txSign = tx.maybe("CdtDbtInd").map(CamtStatement::creditDebit).orElse(sign);
            sum = txSign.equals(sign) ? sum.add(txAmount) : sum.subtract(txAmount);
            Optional<IsoXmlReader.Element> refs = tx.maybe("Refs");
            Optional<IsoXmlReader.Element> parties = tx.maybe("RltdPties");
            // the counterparty: who paid, on a credit; who was paid, on a debit
            String party = CREDIT.equals(txSign) ? "Dbtr" : "Cdtr";
            String name = parties.flatMap(p -> p.maybe(party)).flatMap(p -> p.maybe("Pty").or(() -> Optional.of(p)))
                    .flatMap(p -> p.optionalText("Nm", 140)).orElse(null);
            String iban = parties.flatMap(p -> p.maybe(party + "Acct")).flatMap(a -> a.maybe("Id"))
                    .flatMap(id -> id.maybe("IBAN")).map(IsoXmlReader.Element::iban).orElse(null);
            String remittance = tx.maybe("RmtInf").flatMap(r -> r.optionalText("Ustrd", 140)).orElse(null);
            lines.add(new Line(tx.path(), txAmount, txSign, booking, value,
                    refs.flatMap(r -> r.optionalText("AcctSvcrRef", 35)).orElse(servicerRef),
                    refs.flatMap(r -> r.optionalText("EndToEndId", 35)).orElse(null),
                    refs.flatMap(r -> r.optionalText("TxId", 35)).orElse(null),
                    refs.flatMap(r -> r.optionalText("MsgId", 35)).orElse(batchMessageId),
                    remittance, name, iban));
        }
        if (sum.compareTo(amount) != 0) {
            throw new InvalidMessage(entry.path() + "/Amt", "is " + IsoXmlWriter.decimal(amount) + ", its transactions "
                    + "(TxDtls) add up to " + IsoXmlWriter.decimal(sum));
        }
        return lines;
    }

    /** TxsSummry against the entries: each total, when given, must be what the entries add up to. */
    private static void checkSummary(IsoXmlReader.Element summary, int count, int creditCount, BigDecimal credits,
                                     BigDecimal debits) {
        summary.maybe("TtlNtries").ifPresent(total -> {
            checkCount(total, count);
            checkSum(total, credits.add(debits));
            total.maybe("TtlNetNtry").ifPresent(net -> {
                BigDecimal written = nonNegative(net.one("Amt"));
                BigDecimal signedNet = DEBIT.equals(creditDebit(net.one("CdtDbtInd"))) ? written.negate() : written;
                if (signedNet.compareTo(credits.subtract(debits)) != 0) {
                    throw new InvalidMessage(net.path(), "is " + signed(signedNet) + ", the entries add up to "
                            + signed(credits.subtract(debits)));
                }
            });
        });
        summary.maybe("TtlCdtNtries").ifPresent(total -> {
            checkCount(total, creditCount);
            checkSum(total, credits);
        });
        summary.maybe("TtlDbtNtries").ifPresent(total -> {
            checkCount(total, count - creditCount);
            checkSum(total, debits);
        });
    }

    private static void checkCount(IsoXmlReader.Element total, int count) {
        total.maybe("NbOfNtries").ifPresent(n -> {
            if (n.count() != count) {
                throw new InvalidMessage(n.path(), "says " + n.text() + " entries, the message has " + count);
            }
        });
    }

    private static void checkSum(IsoXmlReader.Element total, BigDecimal sum) {
        total.maybe("Sum").ifPresent(s -> {
            if (nonNegative(s).compareTo(sum) != 0) {
                throw new InvalidMessage(s.path(), "is " + s.text() + ", the entries add up to " + IsoXmlWriter.decimal(sum));
            }
        });
    }

    /** The balance of this type ({@code OPBD}, {@code CLBD}), which an end-of-day statement must give, once. */
    private static Balance balance(IsoXmlReader.Element report, String code, String currency) {
        List<IsoXmlReader.Element> found = report.all("Bal").stream()
                .filter(b -> b.one("Tp").one("CdOrPrtry").maybe("Cd").map(c -> c.text(4)).filter(code::equals).isPresent())
                .toList();
        if (found.isEmpty()) {
            throw new InvalidMessage(report.path() + "/Bal", "no " + code + " balance: an end-of-day statement gives its "
                    + "opening (OPBD) and closing (CLBD) booked balances");
        }
        if (found.size() > 1) {
            throw new InvalidMessage(found.get(1).path(), "a second " + code + " balance");
        }
        IsoXmlReader.Element balance = found.get(0);
        IsoXmlReader.Element amount = balance.one("Amt");
        BigDecimal value = nonNegative(amount);
        String ccy = amount.attribute("Ccy");
        if (!currency.equals(ccy)) {
            throw new InvalidMessage(amount.path() + "/@Ccy", "must be " + currency + ", is " + (ccy == null ? "missing" : ccy));
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidMessage(amount.path(), "beyond what this service keeps: '" + amount.text() + "'");
        }
        String sign = creditDebit(balance.one("CdtDbtInd"));
        return new Balance(balance.path(), DEBIT.equals(sign) ? value.negate() : value,
                dateOrDateTime(balance.one("Dt")));
    }

    private static String creditDebit(IsoXmlReader.Element indicator) {
        String value = indicator.text(4);
        if (!CREDIT.equals(value) && !DEBIT.equals(value)) {
            throw new InvalidMessage(indicator.path(), "must be CRDT or DBIT, is '" + value + "'");
        }
        return value;
    }

    /** A zero or positive amount with at most two decimals (a balance, a sum). */
    private static BigDecimal nonNegative(IsoXmlReader.Element amount) {
        String text = amount.text();
        BigDecimal value = DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
        if (value == null || value.stripTrailingZeros().scale() > 2) {
            throw new InvalidMessage(amount.path(), "not an amount of at least 0 with at most two decimals: '" + text + "'");
        }
        return value.setScale(2);
    }

    private static long sequence(IsoXmlReader.Element number) {
        if (!SEQUENCE.matcher(number.text()).matches()) {
            throw new InvalidMessage(number.path(), "not a sequence number (digits, 18 at most): '" + number.text() + "'");
        }
        return Long.parseLong(number.text());
    }

    /** DateAndDateTime2Choice: {@code Dt} (a date) or {@code DtTm} (its date as written). */
    private static LocalDate dateOrDateTime(IsoXmlReader.Element choice) {
        Optional<IsoXmlReader.Element> date = choice.maybe("Dt");
        if (date.isPresent()) {
            return date.get().date();
        }
        return choice.maybe("DtTm").map(CamtStatement::dateTimeDate)
                .orElseThrow(() -> new InvalidMessage(choice.path() + "/Dt", "missing (Dt or DtTm)"));
    }

    private static LocalDate dateTimeDate(IsoXmlReader.Element dateTime) {
        String text = dateTime.text(40);
        try {
            return text.length() >= 10 ? LocalDate.parse(text.substring(0, 10)) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidMessage(dateTime.path(), "not a date and time: '" + text + "'");
        }
    }

    /** An xs:dateTime with a time zone (ISODateTime as banks write it); one without is read as UTC. */
    private static Instant dateTime(IsoXmlReader.Element dateTime) {
        String text = dateTime.text(40);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidMessage(dateTime.path(), "not a date and time: '" + text + "'");
            }
        }
    }

    private static String signed(BigDecimal amount) {
        return IsoXmlWriter.decimal(amount);
    }

    /**
     * The message a document claims to be, from the first characters of its root's namespace, so that the reader checks
     * it against that one; anything else is refused by the reader as not a camt.053.001.08.
     */
    private static String namespaceOf(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("urn:iso:std:iso:20022:tech:xsd:" + NOTIFICATION) ? NOTIFICATION : STATEMENT;
    }
}
