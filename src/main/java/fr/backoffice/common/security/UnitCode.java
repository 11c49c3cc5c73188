package fr.backoffice.common.security;

import java.util.regex.Pattern;

/**
 * The form of a production unit's code ({@code PAR-01}): three capital letters, a dash, two digits. Tokens carry it in
 * their {@code unit} claim, so access control reads it here, below the {@code unit} feature that owns the units.
 */
public final class UnitCode {

    public static final Pattern PATTERN = Pattern.compile("[A-Z]{3}-[0-9]{2}");

    private UnitCode() {
    }

    public static boolean isValid(String code) {
        return code != null && PATTERN.matcher(code).matches();
    }
}
