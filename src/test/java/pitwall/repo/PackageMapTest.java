package pitwall.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md#package-map is the rule for imports between pitwall packages: every main
 * package is in it, and imports nothing its "may import" column does not list.
 */
class PackageMapTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(pitwall(?:\\.[a-z]+)+)` \\|.*\\| ([^|]+) \\|$");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?pitwall\\.([a-z.]+?)\\.[A-Z]",
            Pattern.MULTILINE);

    @Test
    void everyPackageImportsOnlyWhatTheMapAllows() {
        Checkout checkout = Checkout.project();
        Map<String, Set<String>> allowed = allowedImports(checkout.read("docs/architecture.md"));
        Map<String, Set<String>> actual = imports(checkout);
        assertEquals(actual.keySet(), allowed.keySet(), "packages of src/main/java against the package map");
        List<String> violations = violations(allowed, actual);
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void anImportOutsideTheMapIsFound() {
        Map<String, Set<String>> allowed = allowedImports("""
                | package | key classes | may import |
                |---|---|---|
                | `pitwall.data` | `WorkerClient` | nothing |
                | `pitwall.features` | `AsOfFeatures` | data |
                """);
        assertEquals(Map.of("pitwall.data", Set.of(), "pitwall.features", Set.of("pitwall.data")), allowed);
        assertEquals(List.of("pitwall.data imports pitwall.features, which the package map does not allow"),
                violations(allowed, Map.of("pitwall.data", Set.of("pitwall.features"),
                        "pitwall.features", Set.of("pitwall.data"))));
    }

    /** Package → the packages its row allows ("nothing", or short names relative to {@code pitwall.}). */
    static Map<String, Set<String>> allowedImports(String markdown) {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String line : markdown.split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                String column = row.group(2).strip();
                Set<String> packages = new TreeSet<>();
                if (!column.equals("nothing")) {
                    Arrays.stream(column.split(",")).map(p -> "pitwall." + p.strip()).forEach(packages::add);
                }
                allowed.put(row.group(1), packages);
            }
        }
        return allowed;
    }

    /** Package → the other pitwall packages its main sources import. */
    static Map<String, Set<String>> imports(Checkout checkout) {
        Map<String, Set<String>> imports = new TreeMap<>();
        for (String file : checkout.present()) {
            if (!file.startsWith("src/main/java/pitwall/") || !file.endsWith(".java")) {
                continue;
            }
            String dir = file.substring("src/main/java/".length(), file.lastIndexOf('/'));
            String pkg = dir.replace('/', '.');
            Set<String> used = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher m = IMPORT.matcher(checkout.read(file));
            while (m.find()) {
                String imported = "pitwall." + m.group(1);
                if (!imported.equals(pkg)) {
                    used.add(imported);
                }
            }
        }
        return imports;
    }

    static List<String> violations(Map<String, Set<String>> allowed, Map<String, Set<String>> actual) {
        List<String> violations = new ArrayList<>();
        actual.forEach((pkg, used) -> used.stream()
                .filter(imported -> !allowed.getOrDefault(pkg, Set.of()).contains(imported))
                .forEach(imported -> violations.add(pkg + " imports " + imported
                        + ", which the package map does not allow")));
        return violations;
    }
}
