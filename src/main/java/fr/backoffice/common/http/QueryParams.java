package fr.backoffice.common.http;

import fr.backoffice.common.error.ApiException;

import java.util.Arrays;

/**
 * Query parameters are read as text and converted here, so that a bad value is our 400 problem naming the
 * parameter rather than the 404 JAX-RS answers for a parameter it cannot convert.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** The enum constant named {@code value}, or null when the parameter is absent. */
    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            throw ApiException.invalidField(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
