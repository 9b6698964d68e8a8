package pitwall.track;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code meta.yaml} files of MLflow's file store, written as MLflow writes them ({@code yaml.safe_dump} with
 * {@code default_flow_style=False, sort_keys=True}: one {@code key: value} line per field, keys sorted, strings
 * quoted only where YAML 1.1 would read them as something else) and read back.
 *
 * <p>Like PyYAML, a plain or single-quoted value that runs past column 80 is folded at a single space onto an
 * indented next line. Strings with control characters are double-quoted (PyYAML would sometimes single-quote
 * multi-line ones); they read back the same.
 */
final class MetaYaml {

    // PyYAML's implicit resolvers: a plain scalar matching one of these would not load back as a string.
    private static final Pattern IMPLICIT = Pattern.compile(String.join("|",
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)",
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
            "~|null|Null|NULL",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                    + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?",
            "<<|="));

    private static final int BEST_WIDTH = 80; // PyYAML's default width
    private static final String INDENT = "\n  ";

    private MetaYaml() {
    }

    /** {@code mlruns/<id>/meta.yaml}. */
    static String experiment(Experiment e, long creationTime, long lastUpdateTime) {
        Map<String, String> m = new TreeMap<>();
        m.put("artifact_location", e.artifactLocation());
        m.put("experiment_id", e.id());
        m.put("lifecycle_stage", "active");
        m.put("name", e.name());
        return render(m, Map.of("creation_time", Long.toString(creationTime),
                "last_update_time", Long.toString(lastUpdateTime)));
    }

    /**
     * {@code mlruns/<exp>/<run>/meta.yaml}. MLflow writes {@code deleted_time: null} when it creates a run and drops
     * the key when it rewrites the file (e.g. at the end of the run); {@code withDeletedTime} follows that.
     */
    static String run(RunInfo r, boolean withDeletedTime) {
        Map<String, String> strings = new TreeMap<>();
        strings.put("artifact_uri", r.artifactUri());
        strings.put("entry_point_name", "");
        strings.put("experiment_id", r.experimentId());
        strings.put("lifecycle_stage", r.lifecycleStage());
        strings.put("run_id", r.runId());
        strings.put("run_name", r.runName());
        strings.put("run_uuid", r.runId());
        strings.put("source_name", "");
        strings.put("source_version", "");
        strings.put("user_id", r.userId());
        Map<String, String> verbatim = new TreeMap<>();
        if (withDeletedTime) {
            verbatim.put("deleted_time", "null");
        }
        verbatim.put("end_time", r.endTime() == null ? "null" : r.endTime().toString());
        verbatim.put("source_type", "4"); // SourceType.LOCAL, which MLflow's file store always writes
        verbatim.put("start_time", Long.toString(r.startTime()));
        verbatim.put("status", Integer.toString(r.status().code()));
        verbatim.put("tags", "[]"); // tags live in tags/; the key stays for old MLflow readers
        return render(strings, verbatim);
    }

    /** Sorted {@code key: value} lines: strings as YAML scalars (folded like PyYAML), the rest verbatim. */
    private static String render(Map<String, String> strings, Map<String, String> verbatim) {
        Map<String, String> lines = new TreeMap<>();
        strings.forEach((k, v) -> lines.put(k, scalar(v, k.length() + 1)));
        verbatim.forEach((k, v) -> lines.put(k, " " + v));
        StringBuilder sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        return sb.toString();
    }

    /** A string as PyYAML's safe_dump emits it as the value of a one-letter key ({@code k: …}). */
    static String scalar(String s) {
        return scalar(s, 1).substring(1);
    }

    /**
     * A mapping value as PyYAML emits it after the ':' that ends at {@code column}, starting with the separating
     * space; long plain and single-quoted values fold at single spaces past column 80.
     */
    private static String scalar(String s, int column) {
        if (s == null) {
            return " null";
        }
        if (s.isEmpty()) {
            return " ''";
        }
        if (s.codePoints().anyMatch(MetaYaml::special)) {
            return " " + doubleQuoted(s);
        }
        if (plainAllowed(s) && !IMPLICIT.matcher(s).matches()) {
            return " " + fold(s.codePoints().toArray(), column + 1, false);
        }
        return " '" + fold(s.codePoints().toArray(), column + 2, true) + "'";
    }

    /** PyYAML's write_plain / write_single_quoted: a single space past the width becomes a line break. */
    private static String fold(int[] text, int column, boolean quoted) {
        StringBuilder out = new StringBuilder();
        int col = column;
        int start = 0;
        boolean spaces = false;
        for (int end = 0; end <= text.length; end++) {
            int ch = end < text.length ? text[end] : -1;
            if (spaces) {
                if (ch != ' ') {
                    boolean inside = !quoted || (start != 0 && end != text.length);
                    if (start + 1 == end && col > BEST_WIDTH && inside) {
                        out.append(INDENT);
                        col = INDENT.length() - 1;
                    } else {
                        out.append(new String(text, start, end - start));
                        col += end - start;
                    }
                    start = end;
                }
            } else if (ch == -1 || ch == ' ' || (quoted && ch == '\'')) {
                out.append(new String(text, start, end - start));
                col += end - start;
                start = end;
            }
            if (quoted && ch == '\'') {
                out.append("''");
                col += 2;
                start = end + 1;
            }
            if (ch != -1) {
                spaces = ch == ' ';
            }
        }
        return out.toString();
    }

    private static boolean special(int c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfeff
                || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff;
    }

    private static boolean plainAllowed(String s) {
        char first = s.charAt(0);
        boolean spaceAfterFirst = s.length() == 1 || s.charAt(1) == ' ';
        if (first == ' ' || s.endsWith(" ") || "#,[]{}&*!|>'\"%@`".indexOf(first) >= 0
                || ("?:-".indexOf(first) >= 0 && spaceAfterFirst) || s.startsWith("---") || s.startsWith("...")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
                return false;
            }
            if (c == '#' && s.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (special(c)) {
                        sb.append(c <= 0xff ? String.format("\\x%02X", c) : String.format("\\u%04X", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /**
     * Reads a flat {@code key: value} document (what MLflow writes into meta.yaml). Values come back as strings,
     * YAML nulls as null; indented lines continue the previous value (PyYAML's folding of long scalars).
     */
    static Map<String, String> parse(String text) {
        Map<String, String> raw = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                raw.put(last, raw.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new TrackingException("Malformed meta.yaml line (expected key: value): " + line);
            }
            last = line.substring(0, colon).strip();
            raw.put(last, line.substring(colon + 1).strip());
        }
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(k, unquote(v)));
        return values;
    }

    private static String unquote(String v) {
        if (v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL")) {
            return null;
        }
        if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
            return unescape(v.substring(1, v.length() - 1));
        }
        return v;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case 'x' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
