package dev.modelyard.registry.alias;

/** One entry of an alias's history. */
public record AliasEventView(String object, String alias, String action, Integer fromVersion, Integer toVersion,
                             String by, long at) {

    static AliasEventView of(AliasEvent event) {
        return new AliasEventView("model.alias_event", event.alias, event.action, event.fromVersion, event.toVersion,
                event.actor, event.occurredAt.getEpochSecond());
    }
}
