package pitwall.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pitwall.data.DataSnapshot;
import pitwall.export.BundleManifest;
import pitwall.export.BundleSignature;
import pitwall.export.ModelBundle;
import pitwall.export.ModelExporter;
import pitwall.export.ModelUri;
import pitwall.local.Project;
import pitwall.model.Hyperparameter;
import pitwall.model.ModelCatalog;
import pitwall.track.MlflowLimits;
import pitwall.track.ModelRegistry;
import pitwall.track.ModelVersion;
import pitwall.track.PitwallTags;
import pitwall.track.RegisteredModel;
import pitwall.track.Tracker;

/**
 * {@code pitwall model export|verify|keygen|versions|promote}: model bundles of experiment runs, the keys that sign
 * them, and their registered versions and aliases.
 */
@Command(name = "model",
        description = "Export the best learned variant of an experiment run as a model bundle, verify a bundle, "
                + "make a key pair to sign bundles, list a registered model's versions, or point an alias at one.",
        subcommands = {ModelCommand.Kinds.class, ModelCommand.Export.class, ModelCommand.Verify.class,
                ModelCommand.Keygen.class, ModelCommand.Versions.class, ModelCommand.Promote.class})
public final class ModelCommand extends CommandGroup {

    @Command(name = "export",
            description = {"Refit a variant of an experiment run on every race with results in the run's data "
                    + "snapshot and write models/<spec name>/<version>/ (model.bin, manifest.json, README.md, "
                    + "SHA256SUMS); attach it to the run (uploaded to an MLflow server's artifacts, or copied to the "
                    + "local store's artifacts/model/) and register it as the next version of pitwall-<spec name>.",
                    "With " + BundleSignature.SIGNING_ENV + " set (see `model keygen`), also SHA256SUMS.sig, a "
                            + "signature over SHA256SUMS."})
    static final class Export extends TrackerCommand {
        @Mixin
        WorkerUrlOption worker;
        @Parameters(paramLabel = "RUN_ID|SPEC", description = "An experiment run id, or a spec file "
                + "(experiments/NAME.json: its newest run).")
        String source;
        @Option(names = "--variant", paramLabel = "NAME",
                description = "Variant to export (default: the best learned variant by the spec's primary metric).")
        String variant;
        @Option(names = "--models", paramLabel = "DIR", description = "Bundle root (default: models/ of the project).")
        Path models;

        @Override
        int run(PrintWriter out) {
            Path root = Project.locate().root();
            try (Tracker tracker = tracking.open()) {
                ModelExporter exporter = new ModelExporter(tracker, root, DataSnapshot.defaultRoot(),
                        models == null ? root.resolve("models") : models, worker.clients());
                ModelExporter.Exported exported = exporter.export(source, variant);
                describe(out, exported.bundle());
                out.println(Files.exists(exported.bundle().dir().resolve(BundleSignature.SIGNATURE_FILE))
                        ? "signed: " + BundleSignature.SIGNATURE_FILE
                        : "unsigned (" + BundleSignature.SIGNING_ENV + " is not set)");
                out.println("run: " + exported.runId() + "; " + exported.registered());
                Path dir = exported.bundle().dir().toAbsolutePath().normalize();
                out.println("serve it: ./pitwall serve --model " + (dir.startsWith(root.toAbsolutePath())
                        ? root.toAbsolutePath().relativize(dir) : dir));
            }
            return 0;
        }
    }

    @Command(name = "verify",
            description = {"Load a bundle: check its signature (when " + BundleSignature.VERIFY_ENV + " is set), "
                    + "every sha256, the Smile version, the feature set and the model's classes; print its summary.",
                    "Without " + BundleSignature.VERIFY_ENV + ", unsigned bundles load, as they do in serve."})
    static final class Verify extends ReportingCommand {
        @Parameters(paramLabel = "DIR", description = "A bundle directory, e.g. models/ensembles/20251127-120000.")
        Path dir;

        @Override
        int run(PrintWriter out) {
            Optional<BundleSignature.Verifier> key = BundleSignature.verifierFromEnv(System.getenv());
            describe(out, ModelBundle.load(dir, key.orElse(null)));
            boolean signed = Files.exists(dir.resolve(BundleSignature.SIGNATURE_FILE));
            out.println("verified: every checksum matches; " + (key.isPresent()
                    ? "the " + key.get().algorithm() + " signature matches " + BundleSignature.VERIFY_ENV
                    : (signed ? "signed, but the signature was not checked" : "unsigned") + ": "
                            + BundleSignature.VERIFY_ENV + " is not set, so unsigned bundles load too"));
            return 0;
        }
    }

    @Command(name = "keygen",
            description = {"Print a fresh Ed25519 key pair as environment lines: " + BundleSignature.SIGNING_ENV
                    + " (secret; where models are exported) and " + BundleSignature.VERIFY_ENV + " (where bundles "
                    + "are loaded: serve, model verify)."})
    static final class Keygen extends ReportingCommand {
        @Option(names = "--hmac", description = "A shared HMAC-SHA256 secret for both variables instead.")
        boolean hmac;

        @Override
        int run(PrintWriter out) {
            out.print(BundleSignature.keygen(hmac));
            out.flush();
            return 0;
        }
    }

    @Command(name = "versions",
            description = {"List a registered model's versions (model export registers pitwall-<spec name>): "
                    + "aliases, source run, bundle, and the exported variant's backtest metrics from its manifest.",
                    "The metrics are shown as the manifest states them; `model verify` or serve checks the bundle."})
    static final class Versions extends RegisteredModelCommand {
        @Override
        int run(PrintWriter out) {
            try (ModelRegistry registry = openRegistry()) {
                RegisteredModel model = require(registry);
                List<ModelVersion> versions = registry.modelVersions(name);
                out.println(model.name() + " in " + registry.describe() + ": " + versions.size() + " version"
                        + (versions.size() == 1 ? "" : "s") + (model.aliases().isEmpty() ? ""
                        : "; aliases " + model.aliases().entrySet().stream()
                        .map(a -> a.getKey() + " -> " + a.getValue()).collect(Collectors.joining(", "))));
                for (ModelVersion v : versions) {
                    out.println("version " + v.version() + (v.aliases().isEmpty() ? ""
                            : " @" + String.join(" @", v.aliases())) + "  created "
                            + CREATED.format(Instant.ofEpochMilli(v.creationTimestamp())) + "  run "
                            + (v.runId().isEmpty() ? "-" : v.runId()) + "  bundle "
                            + v.tags().getOrDefault(PitwallTags.BUNDLE_VERSION, "-") + "  variant "
                            + v.tags().getOrDefault(PitwallTags.VARIANT, "-"));
                    out.println("  " + backtest(registry, v));
                }
            }
            return 0;
        }

        private static String backtest(ModelRegistry registry, ModelVersion v) {
            BundleManifest m;
            try {
                m = BundleManifest.parse(new String(registry.readSourceFile(v, ModelBundle.MANIFEST_FILE),
                        StandardCharsets.UTF_8), v.source() + "/" + ModelBundle.MANIFEST_FILE);
            } catch (RuntimeException e) { // one unreadable version does not hide the others
                String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                return "backtest: unavailable (" + (why.length() > 200 ? why.substring(0, 200) + "…" : why) + ")";
            }
            BundleManifest.Evaluation e = m.evaluation();
            Map<String, Double> metrics = e.variants().stream().filter(x -> x.name().equals(e.exported()))
                    .findFirst().map(BundleManifest.VariantMetrics::metrics).orElse(Map.of());
            List<String> keys = new ArrayList<>(new TreeMap<>(metrics).keySet());
            if (keys.remove(e.primaryMetric())) {
                keys.addFirst(e.primaryMetric());
            }
            return "backtest of " + e.exported() + " (" + m.training().races() + " races to "
                    + m.training().lastRace() + "): " + (keys.isEmpty() ? "no metrics" : keys.stream()
                    .map(k -> k + " " + String.format(Locale.ROOT, "%.4f", metrics.get(k)))
                    .collect(Collectors.joining(", ")));
        }
    }

    @Command(name = "promote",
            description = {"Point an alias of a registered model at a version (moving it from the version it "
                    + "named): MLflow's registered-models/alias on a server, aliases/ of the local store.",
                    "serve --model models:/NAME@ALIAS loads the version the alias names."})
    static final class Promote extends RegisteredModelCommand {
        @Parameters(index = "1", paramLabel = "VERSION", description = "The version number to promote.")
        String version;
        @Option(names = "--alias", paramLabel = "ALIAS", defaultValue = "champion",
                description = "Alias to set: letters, digits, '_' and '-' (default: ${DEFAULT-VALUE}).")
        String alias;

        @Override
        int run(PrintWriter out) {
            MlflowLimits.checkAlias(alias);
            MlflowLimits.checkVersion(version);
            try (ModelRegistry registry = openRegistry()) {
                RegisteredModel model = require(registry);
                String before = model.aliases().get(alias);
                registry.modelVersion(name, version); // an unknown version is named as such
                registry.setAlias(name, alias, version);
                out.println(name + "@" + alias + " -> version " + version + (before == null ? " (new alias)"
                        : before.equals(version) ? " (unchanged)" : " (was version " + before + ")"));
                out.println("serve it: ./pitwall serve --model " + ModelUri.SCHEME + name + "@" + alias);
            }
            return 0;
        }
    }

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Command(name = "kinds",
            description = "Every model kind an experiment spec may name, with its hyperparameters: name, type, "
                    + "default, allowed range, meaning.")
    static final class Kinds extends ReportingCommand {
        @Parameters(paramLabel = "KIND", arity = "0..*", description = "Only these kinds (default: all).")
        List<String> only;

        @Override
        int run(PrintWriter out) {
            for (String kind : only == null || only.isEmpty() ? ModelCatalog.kinds() : only) {
                out.println(kind);
                for (Hyperparameter<?> p : ModelCatalog.hyperparameters(kind)) {
                    out.println("  " + p.describe());
                }
            }
            return 0;
        }
    }

    static void describe(PrintWriter out, ModelBundle bundle) {
        BundleManifest m = bundle.manifest();
        out.println("bundle " + bundle.dir() + ": " + m.name() + " " + m.version() + ", variant "
                + m.model().variant() + " (" + m.model().kind() + "), feature set " + m.featureSet().name() + " ("
                + m.featureSet().features().size() + " features)");
        out.println("trained on " + m.training().races() + " races (" + m.training().firstRace() + " to "
                + m.training().lastRace() + "), snapshot " + m.training().dataSnapshot());
        m.evaluation().variants().stream().filter(v -> v.name().equals(m.evaluation().exported())).findFirst()
                .ifPresent(v -> out.println("backtest " + m.evaluation().primaryMetric() + ": "
                        + v.metrics().get(m.evaluation().primaryMetric())));
        out.flush();
    }
}
