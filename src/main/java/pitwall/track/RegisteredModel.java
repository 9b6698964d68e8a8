package pitwall.track;

import java.util.Map;
import java.util.TreeMap;

/**
 * A model in an MLflow model registry.
 *
 * @param name              unique name
 * @param description       may be empty
 * @param creationTimestamp epoch milliseconds
 * @param aliases           alias → version number, sorted by alias
 */
public record RegisteredModel(String name, String description, long creationTimestamp, Map<String, String> aliases) {

    public RegisteredModel {
        aliases = java.util.Collections.unmodifiableMap(new TreeMap<>(aliases));
    }
}
