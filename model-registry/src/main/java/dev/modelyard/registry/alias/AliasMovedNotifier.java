package dev.modelyard.registry.alias;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Tells the routers that a model's aliases changed, so they drop cached resolutions. PostgreSQL delivers
 * the notification when the transaction commits, and never for one rolled back.
 */
@ApplicationScoped
public class AliasMovedNotifier {

    public static final String CHANNEL = "registry_alias_moved";

    private final EntityManager entities;

    public AliasMovedNotifier(EntityManager entities) {
        this.entities = entities;
    }

    /** Payload {@code <tenant>/<model name>}. */
    public void aliasMoved(String tenant, String modelName) {
        entities.createNativeQuery("select 1 from pg_notify(:channel, :payload)")
                .setParameter("channel", CHANNEL)
                .setParameter("payload", tenant + "/" + modelName)
                .getSingleResult();
    }
}
