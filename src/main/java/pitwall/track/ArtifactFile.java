package pitwall.track;

/**
 * A file among a run's artifacts.
 *
 * @param path relative to the run's artifact root, with '/' separators (e.g. {@code tables/comparison.csv})
 * @param size bytes
 */
public record ArtifactFile(String path, long size) {
}
