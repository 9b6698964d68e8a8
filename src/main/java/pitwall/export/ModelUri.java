package pitwall.export;

import java.nio.file.Path;
import pitwall.track.MlflowLimits;
import pitwall.track.TrackingException;

/**
 * What {@code serve --model} and {@link BundleResolver} take: {@code models:/NAME/VERSION}, {@code models:/NAME@ALIAS}
 * (MLflow's model URIs), or a bundle directory.
 *
 * @param uri     as given
 * @param name    the registered model, or null for a directory
 * @param version the version number, or null (a directory, or an alias)
 * @param alias   the alias, or null
 * @param dir     the directory, or null for a registered model
 */
public record ModelUri(String uri, String name, String version, String alias, Path dir) {

    public static final String SCHEME = "models:/";

    public static ModelUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new BundleException("no model given: name a bundle directory, models:/NAME/VERSION or "
                    + "models:/NAME@ALIAS");
        }
        if (!uri.startsWith("models:")) {
            return new ModelUri(uri, null, null, null, Path.of(uri));
        }
        if (!uri.startsWith(SCHEME) || uri.startsWith(SCHEME + "/")) {
            throw invalid(uri, "write models:/NAME/VERSION or models:/NAME@ALIAS");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        int at = rest.lastIndexOf('@');
        try {
            if (slash >= 0) {
                return new ModelUri(uri, MlflowLimits.checkModelName(rest.substring(0, slash)),
                        MlflowLimits.checkVersion(rest.substring(slash + 1)), null, null);
            }
            if (at >= 0) {
                return new ModelUri(uri, MlflowLimits.checkModelName(rest.substring(0, at)), null,
                        MlflowLimits.checkAlias(rest.substring(at + 1)), null);
            }
        } catch (TrackingException e) {
            throw invalid(uri, e.getMessage());
        }
        throw invalid(uri, "add /VERSION or @ALIAS, e.g. " + SCHEME + rest + "@champion");
    }

    /** True for {@code models:/…}, false for a directory. */
    public boolean registered() {
        return name != null;
    }

    private static BundleException invalid(String uri, String why) {
        return new BundleException("'" + uri + "' is not a model URI: " + why);
    }
}
