package dev.modelyard.gateway.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** What a tenant pays and what it may use by default. */
@Entity
@Table(name = "plan")
public class Plan {

    @Id
    public String id;

    public String name;

    @Column(name = "requests_per_minute")
    public int requestsPerMinute;

    @Column(name = "max_concurrent_jobs")
    public int maxConcurrentJobs;

    @Column(name = "price_per_1k_inferences")
    public BigDecimal pricePer1kInferences;

    @Column(name = "price_per_compute_second")
    public BigDecimal pricePerComputeSecond;
}
