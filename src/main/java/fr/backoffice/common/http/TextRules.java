package fr.backoffice.common.http;

/**
 * Which characters a text field of a request body may hold (docs/api.md "Calling the API"): no control character, that
 * is no C0 control (U+0000 to U+001F), no DEL (U+007F) and no C1 control (U+0080 to U+009F), except tab, line feed
 * and carriage return in a {@link MultiLine} field. Such characters are invisible, mean nothing in a name, a label or a
 * reference, and are not all writable where the text goes next: XML 1.0 (the ISO 20022 statements and payment files)
 * forbids every C0 control but those three, PostgreSQL's text cannot hold U+0000, and a line break in a single-line
 * field ends up splitting a line of a file, a log or a screen.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Null when {@code text} may be taken as sent; otherwise why not, naming the first character refused. */
    public static String refusal(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isLineControl(c)) {
                if (!multiLine) {
                    return "must be a single line: no tab, line feed or carriage return (" + codePoint(c) + " at position "
                            + (i + 1) + ")";
                }
            } else if (isControl(c)) {
                return "must not contain the control character " + codePoint(c) + " (at position " + (i + 1) + ")";
            }
        }
        return null;
    }

    /** C0, DEL and C1. */
    static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }

    /** The controls a text of several lines holds. */
    static boolean isLineControl(char c) {
        return c == '\t' || c == '\n' || c == '\r';
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
