package fr.backoffice.reconciliation;

import fr.backoffice.reconciliation.iso20022.CamtStatement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * The automatic matching of statement lines to ledger entries (docs/reconciliation.md "Matching rules"), plain Java.
 * Rules are tried in this order, each on the lines the earlier ones left, and an entry is taken once at most:
 * <ol>
 * <li>{@link MatchRule#END_TO_END_ID}: the line's EndToEndId (not NOTPROVIDED) is the operation's (an incoming credit,
 * a transfer) or, for a return, that of the transfer it gives back;</li>
 * <li>{@link MatchRule#TRANSACTION_ID}: the line's TxId is the TxId an incoming credit came with, or our operation's
 * (its id without dashes);</li>
 * <li>{@link MatchRule#MESSAGE_ID}: the line's MsgId (of a batch) is a payment file's, whose settlement entry it
 * matches, or an incoming message's, whose credits it matches together (one-to-many);</li>
 * <li>{@link MatchRule#PAYMENT_FILE}: lines whose TxId or EndToEndId name transfers of one payment file, together,
 * match that file's settlement entry (many-to-one);</li>
 * <li>{@link MatchRule#AMOUNT_DATE_COUNTERPARTY}: the same amount, value dates at most {@code toleranceDays} apart, and
 * the same counterparty (IBAN, else name): only when exactly one entry qualifies.</li>
 * </ol>
 * Signs mirror each other: the bank's CRDT (money in on our account at the bank) is a debit entry of ours (negative),
 * its DBIT a credit entry (positive). A reference rule that finds entries whose amount disagrees with the line's leaves
 * the line {@link LineState#PARTIAL}, with those entries as candidates, matched to nothing.
 */
public final class Matching {

    private Matching() {
    }

    /**
     * An entry of the account not matched yet, with what its operation says. {@code amount} is the entry's, signed as the
     * ledger signs it (credits positive); texts are null when absent. {@code paymentFileMessageId} is that of the file a
     * CLEARING_SETTLEMENT settles (its reference).
     */
    public record Entry(UUID id, BigDecimal amount, LocalDate valueDate, String operationType, String operationIdHex,
                        String endToEndId, String originalEndToEndId, String reference, String incomingMessageId,
                        String incomingTransactionId, String counterpartyName, String counterpartyIban) {

        boolean settles(String fileMessageId) {
            return "CLEARING_SETTLEMENT".equals(operationType) && fileMessageId.equals(reference);
        }
    }

    /** A match made: which lines (indexes into the lines given), which entries, by which rule. */
    public record Match(MatchRule rule, MatchShape shape, List<Integer> lines, List<UUID> entries) {
    }

    /** A line a reference rule found entries for, whose amounts disagree with it. */
    public record Partial(int line, MatchRule rule, List<UUID> candidates) {
    }

    public record Outcome(List<Match> matches, List<Partial> partials) {

        public LineState stateOf(int line) {
            if (matches.stream().anyMatch(m -> m.lines().contains(line))) {
                return LineState.MATCHED;
            }
            return partials.stream().anyMatch(p -> p.line() == line) ? LineState.PARTIAL : LineState.UNMATCHED;
        }
    }

    /**
     * Matches {@code lines} to {@code entries}. {@code fileOfTransaction} gives, for the TxId or EndToEndId of a
     * transfer we sent in a payment file, that file's MsgId.
     */
    public static Outcome match(List<CamtStatement.Line> lines, List<Entry> entries, Map<String, String> fileOfTransaction,
                                int toleranceDays) {
        State state = new State(lines, entries);
        state.byReference(MatchRule.END_TO_END_ID, (line, entry) -> line.reference()
                .filter(id -> id.equals(entry.endToEndId()) || id.equals(entry.originalEndToEndId())).isPresent(), false);
        state.byReference(MatchRule.TRANSACTION_ID, (line, entry) -> line.transactionId() != null
                && (line.transactionId().equals(entry.incomingTransactionId()) || line.transactionId().equals(entry.operationIdHex())), false);
        state.byReference(MatchRule.MESSAGE_ID, (line, entry) -> line.messageId() != null
                && (entry.settles(line.messageId()) || line.messageId().equals(entry.incomingMessageId())), true);
        state.byPaymentFile(fileOfTransaction);
        state.byAmountDateCounterparty(toleranceDays);
        List<Partial> partials = state.partials.values().stream()
                .filter(p -> !state.matchedLines.contains(p.line()))
                .toList();
        return new Outcome(List.copyOf(state.matches), partials);
    }

    /** Whether the entry is on the other side of the line: the bank's CRDT is our debit (negative), its DBIT our credit. */
    public static boolean mirrors(String creditDebit, BigDecimal entryAmount) {
        return CamtStatement.CREDIT.equals(creditDebit) ? entryAmount.signum() < 0 : entryAmount.signum() > 0;
    }

    private static final class State {
        final List<CamtStatement.Line> lines;
        final List<Entry> entries;
        final Set<UUID> taken = new HashSet<>();
        final Set<Integer> matchedLines = new HashSet<>();
        final List<Match> matches = new ArrayList<>();
        final Map<Integer, Partial> partials = new LinkedHashMap<>();

        State(List<CamtStatement.Line> lines, List<Entry> entries) {
            this.lines = lines;
            this.entries = entries;
        }

        boolean open(int line) {
            return !matchedLines.contains(line);
        }

        List<Entry> free(CamtStatement.Line line, BiPredicate<CamtStatement.Line, Entry> named) {
            return entries.stream().filter(e -> !taken.contains(e.id()) && mirrors(line.creditDebit(), e.amount()))
                    .filter(e -> named.test(line, e)).toList();
        }

        void take(MatchRule rule, List<Integer> lineIndexes, List<Entry> found) {
            found.forEach(e -> taken.add(e.id()));
            matchedLines.addAll(lineIndexes);
            lineIndexes.forEach(partials::remove);
            MatchShape shape = lineIndexes.size() > 1 ? MatchShape.MANY_TO_ONE
                    : found.size() > 1 ? MatchShape.ONE_TO_MANY : MatchShape.ONE_TO_ONE;
            matches.add(new Match(rule, shape, List.copyOf(lineIndexes), found.stream().map(Entry::id).toList()));
        }

        /** A reference rule: the entries the line names; their total must be the line's amount. */
        void byReference(MatchRule rule, BiPredicate<CamtStatement.Line, Entry> named, boolean many) {
            for (int i = 0; i < lines.size(); i++) {
                if (!open(i)) {
                    continue;
                }
                CamtStatement.Line line = lines.get(i);
                List<Entry> found = free(line, named);
                if (found.isEmpty()) {
                    continue;
                }
                if ((found.size() == 1 || many) && total(found).compareTo(line.amount()) == 0) {
                    take(rule, List.of(i), found);
                } else {
                    partials.putIfAbsent(i, new Partial(i, rule, found.stream().map(Entry::id).toList()));
                }
            }
        }

        /** Lines naming transfers of one payment file, together, against that file's settlement entry. */
        void byPaymentFile(Map<String, String> fileOfTransaction) {
            Map<String, List<Integer>> byFile = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                CamtStatement.Line line = lines.get(i);
                if (!open(i) || !CamtStatement.DEBIT.equals(line.creditDebit())) {
                    continue;
                }
                String file = line.transactionId() == null ? null : fileOfTransaction.get(line.transactionId());
                if (file == null) {
                    file = line.reference().map(fileOfTransaction::get).orElse(null);
                }
                if (file != null) {
                    byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<String, List<Integer>> file : byFile.entrySet()) {
                List<Integer> group = file.getValue();
                List<Entry> found = free(lines.get(group.get(0)), (line, entry) -> entry.settles(file.getKey()));
                BigDecimal sum = group.stream().map(i -> lines.get(i).amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (found.size() == 1 && found.get(0).amount().abs().compareTo(sum) == 0) {
                    take(MatchRule.PAYMENT_FILE, group, found);
                } else if (!found.isEmpty()) {
                    group.forEach(i -> partials.putIfAbsent(i, new Partial(i, MatchRule.PAYMENT_FILE,
                            found.stream().map(Entry::id).toList())));
                }
            }
        }

        void byAmountDateCounterparty(int toleranceDays) {
            for (int i = 0; i < lines.size(); i++) {
                CamtStatement.Line line = lines.get(i);
                if (!open(i) || (line.counterpartyIban() == null && line.counterpartyName() == null)) {
                    continue;
                }
                List<Entry> found = free(line, (l, e) -> e.amount().abs().compareTo(l.amount()) == 0
                        && Math.abs(ChronoUnit.DAYS.between(l.valueDate(), e.valueDate())) <= toleranceDays
                        && sameCounterparty(l, e));
                if (found.size() == 1) {
                    take(MatchRule.AMOUNT_DATE_COUNTERPARTY, List.of(i), found);
                }
            }
        }
    }

    private static boolean sameCounterparty(CamtStatement.Line line, Entry entry) {
        if (line.counterpartyIban() != null) {
            return line.counterpartyIban().equals(entry.counterpartyIban());
        }
        return entry.counterpartyName() != null && line.counterpartyName().strip().equalsIgnoreCase(entry.counterpartyName().strip());
    }

    private static BigDecimal total(List<Entry> found) {
        return found.stream().map(e -> e.amount().abs()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
