package pitwall.track;

/**
 * A version of a registered model.
 *
 * @param name    the registered model's name
 * @param version "1", "2", … as the server numbers them
 * @param source  where the model's files are (e.g. the run's artifact URI of the bundle)
 * @param runId   the run that produced it, or empty
 * @param status  READY, PENDING_REGISTRATION or FAILED_REGISTRATION
 */
public record ModelVersion(String name, String version, String source, String runId, String status) {
}
