package fr.backoffice.clearing;

import java.text.Normalizer;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Text as the SEPA schemes accept it (EPC SEPA Credit Transfer rulebook, implementation guidelines): the Latin
 * character set {@code a-z A-Z 0-9 / - ? : ( ) . , ' +} and space, names at most 70 characters. Accented letters lose
 * their accents, {@code &} becomes {@code +}, any other character becomes a full stop. An identifier (EndToEndId)
 * also may not start or end with {@code /} nor contain {@code //}.
 */
public final class SepaText {

    public static final int NAME_LENGTH = 70;
    public static final int IDENTIFIER_LENGTH = 35;
    public static final int REMITTANCE_LENGTH = 140;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9/\\-?:().,'+ ]*");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9/\\-?:().,'+ ]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");

    private SepaText() {
    }

    /** {@code text} in the SEPA character set, cut to {@code maxLength}; null stays null. */
    public static String of(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String latin = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .replace('&', '+').replace("ß", "ss").replace("Æ", "AE").replace("æ", "ae").replace("Œ", "OE").replace("œ", "oe");
        String allowed = NOT_ALLOWED.matcher(latin).replaceAll(".").strip();
        return allowed.length() <= maxLength ? allowed : allowed.substring(0, maxLength).strip();
    }

    public static String name(String name) {
        return of(name, NAME_LENGTH);
    }

    /** Whether {@code text} holds only characters of the SEPA character set. */
    public static boolean isSepaText(String text) {
        return text != null && ALLOWED.matcher(text).matches();
    }

    /** Whether {@code id} can be sent as it is as an identifier (MsgId, EndToEndId, TxId). */
    public static boolean isIdentifier(String id) {
        return id != null && !id.isBlank() && id.length() <= IDENTIFIER_LENGTH && ALLOWED.matcher(id).matches()
                && !id.startsWith("/") && !id.endsWith("/") && !id.contains("//") && id.strip().equals(id);
    }

    /** The EndToEndId of a transfer: its reference when that is a valid identifier, else its id without dashes. */
    public static String endToEndId(String reference, UUID operationId) {
        return isIdentifier(reference) ? reference : operationId.toString().replace("-", "");
    }
}
