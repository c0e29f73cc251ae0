package dev.modelyard.registry.alias;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.page.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AliasEventRepository implements PanacheRepositoryBase<AliasEvent, Long> {

    /** Newest first; {@code after} is the id of the last event of the previous page. */
    List<AliasEvent> page(String modelId, String alias, PageRequest page) {
        var query = page.after() == null
                ? find("modelId = ?1 and alias = ?2 order by id desc", modelId, alias)
                : find("modelId = ?1 and alias = ?2 and id < ?3 order by id desc", modelId, alias, afterId(page));
        return query.range(0, page.fetchSize() - 1).list();
    }

    private static long afterId(PageRequest page) {
        try {
            return Long.parseLong(page.after());
        } catch (NumberFormatException e) {
            throw PlatformException.badRequest("after must be an event id",
                    FieldError.field("after", "must be the last_id of a previous page"));
        }
    }
}
