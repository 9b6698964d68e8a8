package pitwall.track;

import java.util.List;
import java.util.Map;

/**
 * A version of a registered model.
 *
 * @param name              the registered model's name
 * @param version           "1", "2", … as the registry numbers them
 * @param source            where the model's files are (the run's artifact URI of the bundle)
 * @param runId             the run that produced it, or empty
 * @param status            READY, PENDING_REGISTRATION or FAILED_REGISTRATION
 * @param description       may be empty
 * @param creationTimestamp epoch milliseconds
 * @param aliases           the model's aliases that point at this version
 * @param tags              the version's tags
 */
public record ModelVersion(String name, String version, String source, String runId, String status,
                           String description, long creationTimestamp, List<String> aliases,
                           Map<String, String> tags) {

    public ModelVersion {
        aliases = List.copyOf(aliases);
        tags = Map.copyOf(tags);
    }
}
