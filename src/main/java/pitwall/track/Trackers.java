package pitwall.track;

/** Opens the {@link Tracker} that the configuration names. */
public final class Trackers {

    private Trackers() {
    }

    /** By {@code MLFLOW_TRACKING_URI}: a server with a local spool, or the local store (default ./mlruns). */
    public static Tracker fromEnv() {
        return open(TrackingConfig.fromEnv());
    }

    public static Tracker open(TrackingConfig config) {
        if (config.server()) {
            return new MlflowServerTracker(new MlflowServer(config.trackingUri()), new Spool(config.spoolDir()),
                    config.notices());
        }
        return new LocalMlflowStore(config.localStore());
    }
}
