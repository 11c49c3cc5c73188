package fr.backoffice.clearing.service;

import java.util.regex.Pattern;

/**
 * Text taken from another bank's message into our records (docs/clearing-and-statements.md "Clearing and statements"):
 * on one line (a tab, CR or LF, the only controls an XML 1.0 text can hold, becomes a space) and cut, never refused, to
 * the column it goes into, counted in characters as PostgreSQL and XML Schema count them, never splitting a character
 * in two.
 */
final class MessageText {

    /** {@code operation.debtor_name}, and the name in a statement's {@code RltdPties}. */
    static final int NAME = 70;
    /** {@code operation.label} and {@code ledger_entry.label}, a statement's {@code Ustrd} (Max140Text). */
    static final int LABEL = 140;
    /** A MsgId, TxId or EndToEndId (Max35Text). */
    static final int IDENTIFIER = 35;

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\t\\r\\n]+");

    private MessageText() {
    }

    /** {@code text} on one line, stripped, at most {@code maxLength} characters; null stays null. */
    static String of(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String line = LINE_BREAKS.matcher(text).replaceAll(" ").strip();
        if (line.codePointCount(0, line.length()) <= maxLength) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, maxLength)).strip();
    }
}
