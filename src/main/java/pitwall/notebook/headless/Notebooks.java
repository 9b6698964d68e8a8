package pitwall.notebook.headless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's notebooks folder: which notebooks there are, picking them by name, and stripping outputs so the
 * committed copies stay output-free (executed copies live in a git-ignored folder instead).
 */
public final class Notebooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private Notebooks(Path dir) {
        this.dir = dir;
    }

    public static Notebooks in(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no notebooks folder at " + dir);
        }
        return new Notebooks(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Every {@code .ipynb} directly in the folder, by name (so 01-… runs before 02-…). */
    public List<Path> all() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The notebooks named, in the order given; a name is a file name with or without {@code .ipynb}, or a unique
     * prefix such as {@code 02}. No names means all.
     */
    public List<Path> select(List<String> names) {
        List<Path> all = all();
        if (names == null || names.isEmpty()) {
            return all;
        }
        List<Path> chosen = new ArrayList<>();
        for (String name : names) {
            String wanted = name.endsWith(".ipynb") ? name : name + ".ipynb";
            List<Path> matches = all.stream().filter(p -> p.getFileName().toString().equals(wanted)).toList();
            if (matches.isEmpty()) {
                matches = all.stream().filter(p -> p.getFileName().toString().startsWith(name)).toList();
            }
            if (matches.size() != 1) {
                throw new IllegalArgumentException((matches.isEmpty() ? "no notebook '" : "'" + name
                        + "' matches several notebooks; '") + name + "' in " + dir + " (there are: "
                        + String.join(", ", all.stream().map(p -> p.getFileName().toString()).toList()) + ")");
            }
            chosen.add(matches.getFirst());
        }
        return chosen;
    }

    /** True when no code cell has outputs or an execution count. */
    public static boolean isStripped(Path notebook) {
        for (JsonNode cell : read(notebook).path("cells")) {
            if ("code".equals(cell.path("cell_type").asText())
                    && (!cell.path("outputs").isEmpty() || !cell.path("execution_count").isNull())) {
                return false;
            }
        }
        return true;
    }

    /** Removes outputs and execution counts in place; returns whether the file changed. */
    public static boolean strip(Path notebook) {
        ObjectNode root = read(notebook);
        boolean changed = false;
        for (JsonNode node : root.path("cells")) {
            ObjectNode cell = (ObjectNode) node;
            if ("code".equals(cell.path("cell_type").asText())) {
                changed |= !cell.path("outputs").isEmpty() || !cell.path("execution_count").isNull();
                cell.set("outputs", JSON.createArrayNode());
                cell.putNull("execution_count");
                if (cell.path("metadata") instanceof ObjectNode meta) {
                    changed |= meta.remove("execution") != null;
                }
            }
        }
        if (changed) {
            write(notebook, root);
        }
        return changed;
    }

    private static ObjectNode read(Path notebook) {
        try {
            JsonNode node = JSON.readTree(notebook.toFile());
            if (!(node instanceof ObjectNode object) || !(object.path("cells") instanceof ArrayNode)) {
                throw new IllegalArgumentException(notebook + " is not a notebook (no \"cells\" array)");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + notebook + ": " + e.getMessage(), e);
        }
    }

    /** Jupyter's own layout (nbformat: sorted keys, one-space indent, newline at the end) for clean diffs. */
    private static void write(Path notebook, ObjectNode root) {
        StringBuilder text = new StringBuilder();
        appendJson(text, root, "");
        try {
            Files.writeString(notebook, text.append('\n'), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + notebook + ": " + e.getMessage(), e);
        }
    }

    /** As Python's {@code json.dumps(indent=1, sort_keys=True, ensure_ascii=False)}, which nbformat uses. */
    static void appendJson(StringBuilder out, JsonNode node, String indent) {
        String inner = indent + " ";
        if (node instanceof ObjectNode object) {
            if (object.isEmpty()) {
                out.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            out.append("{\n");
            for (int i = 0; i < keys.size(); i++) {
                out.append(inner).append(quote(keys.get(i))).append(": ");
                appendJson(out, object.get(keys.get(i)), inner);
                out.append(i + 1 < keys.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (node instanceof ArrayNode array) {
            if (array.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < array.size(); i++) {
                out.append(inner);
                appendJson(out, array.get(i), inner);
                out.append(i + 1 < array.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (node.isTextual()) {
            out.append(quote(node.asText()));
        } else {
            out.append(node.toString());
        }
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                case '\b' -> q.append("\\b");
                case '\f' -> q.append("\\f");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
