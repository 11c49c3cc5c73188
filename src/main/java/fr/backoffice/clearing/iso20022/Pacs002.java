package fr.backoffice.clearing.iso20022;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * pacs.002.001.10, the FI-to-FI payment status report (FIToFIPmtStsRpt), as the SEPA Credit Transfer scheme uses it
 * (EPC115-06): the clearing system's answer to one of our payment files (docs/clearing-and-statements.md
 * "Clearing and statements"). Read with the safe reader ({@link IsoXmlReader}). The report names our file by
 * {@code OrgnlGrpInfAndSts/OrgnlMsgId}; its group status ({@code GrpSts}) says what became of the whole file, and
 * {@code TxInfAndSts} of single transactions, each named by {@code OrgnlTxId} (our TxId) and/or
 * {@code OrgnlEndToEndId}, with a status ({@code TxSts}) and, for a rejection, an ISO 20022 reason code
 * ({@code StsRsnInf/Rsn/Cd}).
 *
 * <p>What is read is only what is checked: one original group, which must be a pacs.008, with its status; statuses of four capital
 * letters; reasons of four letters or digits; each transaction named once, and never against the group's status (a
 * transaction accepted in a file the group status rejects, say). No XSD of pacs.002.001.10 is at hand: the tests
 * post messages shaped as the EPC guidelines and SEPA clearings write them.
 */
public final class Pacs002 {

    public static final String MESSAGE = "pacs.002.001.10";
    public static final String ACCEPTED = "ACCP";
    public static final String SETTLED = "ACSC";
    public static final String REJECTED = "RJCT";
    public static final String PARTIAL = "PART";

    private static final Pattern STATUS = Pattern.compile("^[A-Z]{4}$");
    private static final Pattern REASON = Pattern.compile("^[A-Z0-9]{4}$");
    /** StsRsnInf/AddtlInf is a Max105Text. */
    private static final int ADDITIONAL_INFORMATION_LENGTH = 105;

    private Pacs002() {
    }

    /** Why a status was given: an ISO 20022 reason code (or null when the report gives none), and its free text. */
    public record Reason(String code, String text) {
    }

    /** One transaction's status; {@code path} names its TxInfAndSts. */
    public record Transaction(String path, String originalEndToEndId, String originalTransactionId, String status,
                              Reason reason) {
    }

    /**
     * The report: its own MsgId, the MsgId of our file it answers, the group status and its reason, and the
     * transactions it names; {@code groupPath} names its OrgnlGrpInfAndSts.
     */
    public record Report(String messageId, String groupPath, String originalMessageId, String groupStatus,
                         Reason groupReason, List<Transaction> transactions) {

        /** Whether {@code status} accepts: ACCP (accepted) or ACSC (accepted, settlement completed). */
        public static boolean accepts(String status) {
            return ACCEPTED.equals(status) || SETTLED.equals(status);
        }
    }

    public static Report read(byte[] message) {
        IsoXmlReader.Element root = IsoXmlReader.read(message, MESSAGE).one("FIToFIPmtStsRpt");
        IsoXmlReader.Element header = root.one("GrpHdr");
        String messageId = header.text("MsgId", 35);
        header.text("CreDtTm", 40);
        List<IsoXmlReader.Element> groups = root.all("OrgnlGrpInfAndSts");
        if (groups.size() != 1) {
            throw new InvalidMessage(root.path() + "/OrgnlGrpInfAndSts", groups.isEmpty() ? "missing"
                    : "a report answers one payment file: " + groups.size() + " original groups");
        }
        IsoXmlReader.Element group = groups.get(0);
        String original = group.text("OrgnlMsgId", 35);
        group.optionalText("OrgnlMsgNmId", 35).ifPresent(name -> {
            if (!name.startsWith("pacs.008")) {
                throw new InvalidMessage(group.path() + "/OrgnlMsgNmId", "reports on a " + name + ", not on a pacs.008 payment file");
            }
        });
        // SEPA reports give the group's status (ISO leaves it optional): what became of the transactions not named
        String groupStatus = status(group.one("GrpSts"));
        Reason groupReason = reason(group);
        List<IsoXmlReader.Element> listed = root.all("TxInfAndSts");
        List<Transaction> transactions = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (IsoXmlReader.Element tx : listed) {
            tx.maybe("OrgnlGrpInf").ifPresent(own -> {
                String theirs = own.text("OrgnlMsgId", 35);
                if (!theirs.equals(original)) {
                    throw new InvalidMessage(own.path() + "/OrgnlMsgId", "names " + theirs + ", the report answers " + original);
                }
            });
            Optional<String> endToEndId = tx.optionalText("OrgnlEndToEndId", 35);
            Optional<String> transactionId = tx.optionalText("OrgnlTxId", 35);
            if (endToEndId.isEmpty() && transactionId.isEmpty()) {
                throw new InvalidMessage(tx.path() + "/OrgnlTxId", "missing, and OrgnlEndToEndId too: the transaction is not named");
            }
            String key = transactionId.map(id -> "tx:" + id).orElseGet(() -> "e2e:" + endToEndId.get());
            if (!named.add(key)) {
                throw new InvalidMessage(tx.path(), "names a transaction an earlier TxInfAndSts of the report names");
            }
            IsoXmlReader.Element statusElement = tx.one("TxSts");
            String status = status(statusElement);
            if (Report.accepts(groupStatus) && !Report.accepts(status) || REJECTED.equals(groupStatus) && !REJECTED.equals(status)) {
                throw new InvalidMessage(statusElement.path(), "is " + status + " in a group whose status is " + groupStatus);
            }
            transactions.add(new Transaction(tx.path(), endToEndId.orElse(null), transactionId.orElse(null), status, reason(tx)));
        }
        return new Report(messageId, group.path(), original, groupStatus, groupReason, List.copyOf(transactions));
    }

    private static String status(IsoXmlReader.Element element) {
        String status = element.text(4);
        if (!STATUS.matcher(status).matches()) {
            throw new InvalidMessage(element.path(), "not an ISO 20022 status code: '" + status + "'");
        }
        return status;
    }

    /** The first StsRsnInf's reason code (or null) and its additional information (joined, or null). */
    private static Reason reason(IsoXmlReader.Element parent) {
        Optional<IsoXmlReader.Element> information = parent.maybe("StsRsnInf");
        if (information.isEmpty()) {
            return new Reason(null, null);
        }
        String code = null;
        Optional<IsoXmlReader.Element> rsn = information.get().maybe("Rsn");
        if (rsn.isPresent() && rsn.get().maybe("Cd").isPresent()) {
            IsoXmlReader.Element cd = rsn.get().one("Cd");
            code = cd.text(4);
            if (!REASON.matcher(code).matches()) {
                throw new InvalidMessage(cd.path(), "not an ISO 20022 status reason code: '" + code + "'");
            }
        }
        List<String> texts = information.get().all("AddtlInf").stream().map(e -> e.text(ADDITIONAL_INFORMATION_LENGTH)).toList();
        return new Reason(code, texts.isEmpty() ? null : String.join(" ", texts));
    }
}
