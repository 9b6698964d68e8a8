package pitwall.track;

/**
 * A model in an MLflow model registry.
 *
 * @param name              unique name
 * @param description       may be empty
 * @param creationTimestamp epoch milliseconds
 */
public record RegisteredModel(String name, String description, long creationTimestamp) {
}
