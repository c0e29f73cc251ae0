package dev.modelyard.registry.alias;

import dev.modelyard.registry.model.ModelEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One move of an alias: set (created or moved) or deleted. */
@Entity
@Table(name = "alias_event")
public class AliasEvent extends ModelEvent {

    @Column(nullable = false, updatable = false)
    public String alias;

    @Column(name = "from_version", updatable = false)
    public Integer fromVersion;

    @Column(name = "to_version", updatable = false)
    public Integer toVersion;
}
