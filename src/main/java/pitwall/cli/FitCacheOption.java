package pitwall.cli;

import picocli.CommandLine.Option;
import pitwall.eval.FitCache;
import pitwall.local.Project;

/** {@code --no-cache}, and the project's fit cache ({@code .pitwall/cache/fits}) otherwise. */
final class FitCacheOption {

    @Option(names = "--no-cache", description = "Refit every fold: neither read nor write the fit cache "
            + "(.pitwall/cache/fits).")
    boolean noCache;

    FitCache open() {
        return noCache ? FitCache.NONE : FitCache.open(fitsDir(Project.locate()));
    }

    static java.nio.file.Path fitsDir(Project project) {
        return project.stateDir().resolve("cache").resolve("fits");
    }
}
