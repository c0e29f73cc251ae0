package dev.modelyard.common.page;

import java.util.List;
import java.util.function.Function;

/**
 * OpenAI's list envelope: {@code {"object":"list","data":[...],"has_more":..,"first_id":..,"last_id":..}}.
 * Pass {@code last_id} as {@code after} to get the next page.
 */
public record ListPage<T>(String object, List<T> data, boolean hasMore, String firstId, String lastId) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells whether more exist.
     */
    public static <R, T> ListPage<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, String> id) {
        boolean hasMore = rows.size() > limit;
        List<R> page = hasMore ? rows.subList(0, limit) : rows;
        List<T> data = page.stream().map(view).toList();
        String first = page.isEmpty() ? null : id.apply(page.get(0));
        String last = page.isEmpty() ? null : id.apply(page.get(page.size() - 1));
        return new ListPage<>("list", data, hasMore, first, last);
    }
}
