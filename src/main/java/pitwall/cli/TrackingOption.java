package pitwall.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pitwall.track.Tracker;
import pitwall.track.Trackers;
import pitwall.track.TrackingConfig;

/** {@code --tracking-uri}: where MLflow runs are read and written; tracking notices go to stderr. */
final class TrackingOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;
    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "http(s)://host:port of an MLflow server, or a local store directory (default: "
                    + "$" + TrackingConfig.ENV + ", else ./mlruns).")
    String trackingUri;

    TrackingConfig config() {
        PrintWriter err = spec.commandLine().getErr();
        TrackingConfig config = TrackingConfig.fromEnv().withNotices(notice -> {
            err.println(notice);
            err.flush();
        });
        return trackingUri != null ? config.withTrackingUri(trackingUri) : config;
    }

    Tracker open() {
        return Trackers.open(config());
    }
}
