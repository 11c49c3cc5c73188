package fr.backoffice.common.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code nextCursor} is null on the last page. */
public record Page<T>(
        @Schema(maxItems = PageRequest.MAX_LIMIT) List<T> items,
        @Schema(description = "Pass as `after` to read the next page; null on the last page", nullable = true, maxLength = 64,
                pattern = "^[A-Za-z0-9_-]*$")
        String nextCursor) {

    /**
     * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that more exist,
     * so the cursor points at the last row returned.
     */
    public static <E, T> Page<T> of(List<E> fetched, int limit, Function<E, String> cursorOf, Function<E, T> map) {
        boolean more = fetched.size() > limit;
        List<E> rows = more ? fetched.subList(0, limit) : fetched;
        String next = more ? Cursor.encode(cursorOf.apply(rows.get(rows.size() - 1))) : null;
        return new Page<>(rows.stream().map(map).toList(), next);
    }
}
