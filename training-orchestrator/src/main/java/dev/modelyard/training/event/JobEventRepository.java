package dev.modelyard.training.event;

import dev.modelyard.common.page.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class JobEventRepository implements PanacheRepositoryBase<JobEvent, Long> {

    /** A page of the job's events, newest first, fetching one more than the page (see {@code ListPage.of}). */
    public List<JobEvent> page(String jobId, PageRequest page) {
        var query = page.after() == null
                ? getEntityManager().createQuery("from JobEvent where jobId = :job order by seq desc", JobEvent.class)
                : getEntityManager().createQuery("from JobEvent where jobId = :job and seq < "
                        + "(select e.seq from JobEvent e where e.id = :after) order by seq desc", JobEvent.class)
                        .setParameter("after", page.after());
        return query.setParameter("job", jobId).setMaxResults(page.fetchSize()).getResultList();
    }
}
