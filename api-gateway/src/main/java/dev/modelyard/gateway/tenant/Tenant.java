package dev.modelyard.gateway.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer of the platform. Its id is the slug found in people's {@code tenant} claim. */
@Entity
@Table(name = "tenant")
public class Tenant {

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    @Id
    public String id;

    public String name;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    public String status;

    /** Override of the plan's request rate; {@code null} keeps the plan's. */
    @Column(name = "requests_per_minute")
    public Integer requestsPerMinute;

    /** Override of the plan's training concurrency; {@code null} keeps the plan's. */
    @Column(name = "max_concurrent_jobs")
    public Integer maxConcurrentJobs;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public int effectiveRequestsPerMinute() {
        return requestsPerMinute != null ? requestsPerMinute : plan.requestsPerMinute;
    }

    public int effectiveMaxConcurrentJobs() {
        return maxConcurrentJobs != null ? maxConcurrentJobs : plan.maxConcurrentJobs;
    }
}
