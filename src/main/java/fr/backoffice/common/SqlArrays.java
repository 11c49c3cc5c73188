package fr.backoffice.common;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * PostgreSQL array literals for Hibernate native queries, which bind text reliably but not arrays nor typed nulls:
 * the query casts the text ({@code cast(cast(:ids as text) as uuid[])}: the inner cast makes the
 * parameter text for the reactive driver, which otherwise expects the array type). Only for values whose text needs no quoting (uuids,
 * numbers).
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static String of(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** The value's text, or null (bound as a text null, which casts to a null of any type). */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
