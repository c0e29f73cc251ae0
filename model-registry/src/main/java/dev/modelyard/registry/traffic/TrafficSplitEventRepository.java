package dev.modelyard.registry.traffic;

import dev.modelyard.common.page.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class TrafficSplitEventRepository implements PanacheRepositoryBase<TrafficSplitEvent, Long> {

    /** The revision the next change of the model's split gets: revisions keep counting across removals. */
    int nextRevision(String modelId) {
        Integer last = getEntityManager()
                .createQuery("select max(e.revision) from TrafficSplitEvent e where e.modelId = :model", Integer.class)
                .setParameter("model", modelId).getSingleResult();
        return last == null ? 1 : last + 1;
    }

    /** Newest first; {@code after} is the revision of the last event of the previous page. */
    List<TrafficSplitEvent> page(String modelId, PageRequest page, Integer afterRevision) {
        var query = afterRevision == null
                ? find("modelId = ?1 order by revision desc", modelId)
                : find("modelId = ?1 and revision < ?2 order by revision desc", modelId, afterRevision);
        return query.range(0, page.fetchSize() - 1).list();
    }
}
