package pitwall.track;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The {@code meta.yaml} files of MLflow's file store, written as MLflow writes them and read back, through SnakeYAML.
 *
 * <p>MLflow writes them with PyYAML ({@code yaml.safe_dump(..., default_flow_style=False, allow_unicode=True,
 * sort_keys=True)}). SnakeYAML's emitter is a port of PyYAML's, so with the same options (block style, width 80,
 * keys sorted) it writes the same bytes: the same quoting, the same folding of long values. Two SnakeYAML defaults
 * differ from PyYAML and are set back here: its YAML 1.1 resolver reads a few more strings as numbers (e.g.
 * {@code 1e5}, which PyYAML leaves plain), so both directions use PyYAML's resolver; and its representer writes
 * multi-line strings as literal blocks and non-printable ones as {@code !!binary}, where PyYAML quotes them.
 *
 * <p>Byte for byte the same as PyYAML for every printable string (FileStoreFormatTest pins the tricky ones). A
 * string with control characters is double-quoted as PyYAML does, but SnakeYAML spells a few escapes differently
 * (e.g. {@code \x7f} for PyYAML's {@code \x7F}, a BOM unescaped): the same string to any YAML reader.
 */
final class MetaYaml {

    private MetaYaml() {
    }

    /** {@code mlruns/<id>/meta.yaml}. */
    static String experiment(Experiment e, long creationTime, long lastUpdateTime) {
        Map<String, Object> m = new TreeMap<>();
        m.put("artifact_location", e.artifactLocation());
        m.put("creation_time", creationTime);
        m.put("experiment_id", e.id());
        m.put("last_update_time", lastUpdateTime);
        m.put("lifecycle_stage", "active");
        m.put("name", e.name());
        return yaml().dump(m);
    }

    /**
     * {@code mlruns/<exp>/<run>/meta.yaml}. MLflow writes {@code deleted_time: null} when it creates a run and drops
     * the key when it rewrites the file (e.g. at the end of the run); {@code withDeletedTime} follows that.
     */
    static String run(RunInfo r, boolean withDeletedTime) {
        Map<String, Object> m = new TreeMap<>();
        m.put("artifact_uri", r.artifactUri());
        if (withDeletedTime) {
            m.put("deleted_time", null);
        }
        m.put("end_time", r.endTime());
        m.put("entry_point_name", "");
        m.put("experiment_id", r.experimentId());
        m.put("lifecycle_stage", r.lifecycleStage());
        m.put("run_id", r.runId());
        m.put("run_name", r.runName());
        m.put("run_uuid", r.runId());
        m.put("source_name", "");
        m.put("source_type", 4); // SourceType.LOCAL, which MLflow's file store always writes
        m.put("source_version", "");
        m.put("start_time", r.startTime());
        m.put("status", r.status().code());
        m.put("tags", List.of()); // tags live in tags/; the key stays for old MLflow readers
        m.put("user_id", r.userId());
        return yaml().dump(m);
    }

    /**
     * {@code mlruns/models/<name>/meta.yaml}: the registered model without its tags and versions (tags live in
     * {@code tags/}); {@code aliases} is alias → version as MLflow last read them from {@code aliases/}.
     */
    static String registeredModel(String name, String description, long creationTimestamp, long lastUpdatedTimestamp,
                                  Map<String, String> aliases) {
        Map<String, Object> m = new TreeMap<>();
        m.put("aliases", new TreeMap<>(aliases));
        m.put("creation_timestamp", creationTimestamp);
        m.put("description", description);
        m.put("last_updated_timestamp", lastUpdatedTimestamp);
        m.put("name", name);
        return yaml().dump(m);
    }

    /**
     * {@code mlruns/models/<name>/version-<n>/meta.yaml} as MLflow's file store creates it: no aliases yet (they are
     * read from the model's {@code aliases/}), stage None, status READY, {@code storage_location} = source.
     */
    static String modelVersion(String name, int version, String source, String runId, String description,
                               long creationTimestamp) {
        Map<String, Object> m = new TreeMap<>();
        m.put("aliases", List.of());
        m.put("creation_timestamp", creationTimestamp);
        m.put("current_stage", "None");
        m.put("description", description);
        m.put("last_updated_timestamp", creationTimestamp);
        m.put("name", name);
        m.put("run_id", runId);
        m.put("run_link", null);
        m.put("source", source);
        m.put("status", "READY");
        m.put("status_message", null);
        m.put("storage_location", source);
        m.put("user_id", null);
        m.put("version", version);
        return yaml().dump(m);
    }

    /** A string as PyYAML's safe_dump emits it as the value of a one-letter key ({@code k: …}). */
    static String scalar(String s) {
        Map<String, String> one = new TreeMap<>();
        one.put("k", s);
        String line = yaml().dump(one);
        return line.substring("k: ".length(), line.length() - 1);
    }

    /**
     * Reads a meta.yaml: its top-level scalars as text, YAML nulls as null, as PyYAML resolves them (what is a
     * string to MLflow is a string here). Nested values (the legacy {@code tags: []}) are left out: no field pitwall
     * reads is nested.
     */
    static Map<String, String> parse(String text) {
        Node root;
        try {
            root = yaml().compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new TrackingException("Malformed meta.yaml: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null) {
            return values;
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new TrackingException("Malformed meta.yaml: expected key: value lines, got a " + root.getNodeId());
        }
        for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key && entry.getValueNode() instanceof ScalarNode value) {
                values.put(key.getValue(), Tag.NULL.equals(value.getTag()) ? null : value.getValue());
            }
        }
        return values;
    }

    /** A new instance each time: SnakeYAML's {@link Yaml} is not thread-safe, and meta.yaml is written rarely. */
    private static Yaml yaml() {
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setAllowUnicode(true);
        dump.setWidth(80);
        dump.setIndent(2);
        dump.setLineBreak(DumperOptions.LineBreak.UNIX);
        LoaderOptions load = new LoaderOptions();
        load.setAllowDuplicateKeys(true); // PyYAML keeps the last one
        return new Yaml(new SafeConstructor(load), new PyYamlRepresenter(dump), dump, load, new PyYamlResolver());
    }

    /**
     * Strings as PyYAML's emitter styles them. Most get no preferred style, so the emitter quotes them only where
     * PyYAML's would. Two cases SnakeYAML's emitter would write plain are marked: PyYAML never writes a line break
     * in a plain scalar (single quotes; the emitter falls back to double quotes where PyYAML does), and it counts a
     * BOM as non-printable (double quotes).
     */
    private static final class PyYamlRepresenter extends Representer {
        PyYamlRepresenter(DumperOptions options) {
            super(options);
            representers.put(String.class, data -> representScalar(Tag.STR, (String) data, style((String) data)));
        }

        private static DumperOptions.ScalarStyle style(String s) {
            if (s.indexOf(0xFEFF) >= 0) {
                return DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            }
            if (s.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)) {
                return DumperOptions.ScalarStyle.SINGLE_QUOTED;
            }
            return DumperOptions.ScalarStyle.PLAIN;
        }
    }

    /**
     * PyYAML's implicit resolvers (resolver.py), in its order and without length limits: a plain scalar matching
     * one of these does not load back as a string, so the emitter quotes such strings.
     */
    private static final class PyYamlResolver extends Resolver {
        private record Implicit(Tag tag, String regex, String first) {
        }

        private static final List<Implicit> PYYAML = List.of(
                new Implicit(Tag.BOOL, "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
                        "yYnNtTfFoO"),
                new Implicit(Tag.FLOAT, "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                        + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                        + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)", "-+0123456789."),
                new Implicit(Tag.INT, "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                        + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+", "-+0123456789"),
                new Implicit(Tag.MERGE, "<<", "<"),
                new Implicit(Tag.NULL, "~|null|Null|NULL", "~nN"),
                new Implicit(Tag.NULL, "", null), // the empty scalar; SnakeYAML files it under no first character
                new Implicit(Tag.TIMESTAMP, "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]"
                        + "-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                        + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?", "0123456789"),
                new Implicit(new Tag("tag:yaml.org,2002:value"), "=", "="));

        @Override
        protected void addImplicitResolvers() {
            for (Implicit r : PYYAML) {
                addImplicitResolver(r.tag(), Pattern.compile("^(?:" + r.regex() + ")$"), r.first(), Integer.MAX_VALUE);
            }
        }
    }
}
