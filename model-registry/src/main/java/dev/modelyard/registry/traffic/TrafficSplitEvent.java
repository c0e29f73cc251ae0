package dev.modelyard.registry.traffic;

import dev.modelyard.registry.model.ModelEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One revision of a model's traffic split: set (with its weights) or deleted. */
@Entity
@Table(name = "traffic_split_event")
public class TrafficSplitEvent extends ModelEvent {

    @Column(nullable = false, updatable = false)
    public int revision;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Map<String, Integer> weights;
}
