package dev.modelyard.common.page;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Keyset pagination over an entity's sortable {@code id}: one indexed range scan per page, no
 * offsets, and stable when rows are added meanwhile. Fetches one row more than the page, for
 * {@link ListPage#of}.
 */
public final class KeysetPages {

    private KeysetPages() {
    }

    /** Newest first, for prefixed time-sortable IDs. */
    public static <E> List<E> newestFirst(EntityManager entities, Class<E> type, PageRequest page) {
        return fetch(entities, type, page, "<", "desc");
    }

    /** In id order, for natural keys such as tenant slugs. */
    public static <E> List<E> inIdOrder(EntityManager entities, Class<E> type, PageRequest page) {
        return fetch(entities, type, page, ">", "asc");
    }

    private static <E> List<E> fetch(EntityManager entities, Class<E> type, PageRequest page, String after, String order) {
        String entity = type.getSimpleName();
        var query = page.after() == null
                ? entities.createQuery("from " + entity + " order by id " + order, type)
                : entities.createQuery("from " + entity + " where id " + after + " :after order by id " + order, type)
                        .setParameter("after", page.after());
        return query.setMaxResults(page.fetchSize()).getResultList();
    }
}
