package dev.modelyard.training.event;

import dev.modelyard.common.id.Ids;
import dev.modelyard.common.time.DatabaseTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/**
 * Something that happened to a fine-tuning job: a status change or a line of the trainer's progress.
 * Ordered by {@code seq}, which the database assigns, because many events share a millisecond.
 */
@Entity
@Table(name = "fine_tuning_job_event")
public class JobEvent {

    public enum Level { INFO, WARN, ERROR }

    public enum Type { MESSAGE, METRICS }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, updatable = false)
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "job_id", nullable = false, updatable = false)
    public String jobId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @Column(nullable = false)
    public String message;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> data;

    public static JobEvent of(String jobId, EventDraft draft) {
        JobEvent event = new JobEvent();
        event.id = Ids.next("ftevent");
        event.jobId = jobId;
        event.createdAt = DatabaseTime.now();
        event.level = draft.level();
        event.type = draft.type();
        event.message = draft.message();
        event.data = draft.data();
        return event;
    }
}
