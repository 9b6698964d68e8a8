package pitwall.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import pitwall.eval.FitCache;
import pitwall.local.Project;

/** {@code --no-cache | --cache-dir DIR}: the fit cache of walk-forward folds, {@code .pitwall/cache/fits} by default. */
final class FitCacheOption {

    @Option(names = "--no-cache", description = "Refit every fold: neither read nor write the fit cache.")
    boolean noCache;
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Fit cache directory (default: .pitwall/cache/fits; at most 512 MiB, entries unused for "
                    + "30 days expire).")
    Path dir;

    FitCache open() {
        if (noCache) {
            return FitCache.NONE;
        }
        return FitCache.open(dir != null ? dir : Project.locate().stateDir().resolve("cache").resolve("fits"));
    }
}
