package pitwall.export;

import java.nio.file.Path;

/**
 * A model URI pinned to one version and the directory its bundle is (or, from a server, will be) in.
 *
 * @param uri     as given
 * @param name    the registered model, or null for a directory
 * @param version the version the URI names now (an alias resolved), or null for a directory
 * @param alias   the alias the URI named, or null
 * @param runId   the run that produced the version (the bundle's manifest must name it), or null
 * @param dir     the bundle directory: a directory as given, the local store's source directory, or the cache
 *                {@code .pitwall/models-cache/<name>/<version>/} for a server's version
 */
public record ResolvedModel(String uri, String name, String version, String alias, String runId, Path dir) {

    /** True when both name the same registered version (or the same directory): nothing to reload. */
    public boolean sameVersion(ResolvedModel other) {
        return other != null && java.util.Objects.equals(name, other.name)
                && java.util.Objects.equals(version, other.version) && dir.equals(other.dir);
    }
}
