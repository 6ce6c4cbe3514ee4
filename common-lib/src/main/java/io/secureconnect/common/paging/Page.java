package io.secureconnect.common.paging;

import java.util.List;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list API, as clients see it: {@code {items, nextCursor}}, the cursor null on the last page. Built from
 * a query for one row more than the limit: that extra row only says there is a next page.
 */
public record Page<T>(
        List<T> items,
        @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last page",
                example = "eyJ0IjoiMjAyNi0xMi0wN1QyMDoxNTowMFoiLCJpZCI6IjAxOTNhNGI2In0") String nextCursor) {

    /** The first {@code limit} of {@code fetched} (asked with {@code limit + 1}), continuing after the last of them. */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<? super T, String> cursorAfter) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, cursorAfter.apply(items.getLast()));
    }

    /** The same page with each item mapped, e.g. rows to the views a client gets. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
