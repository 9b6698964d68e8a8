package pitwall.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The top level of the repository holds what the README's "Folders:" paragraph names, plus the usual files
 * (dotfiles, the launcher, the build and container files). Only tracked files count, so generated folders
 * ({@code target/}, {@code models/}) do not, and a folder the README calls generated need not be tracked.
 */
class TopLevelLayoutTest {

    /** Top-level files every checkout has beside the named folders. */
    static final Set<String> USUAL_FILES = Set.of("README.md", "pom.xml", "pitwall", "Dockerfile", "LICENSE");

    private static final Pattern FIRST_CODE_SPAN = Pattern.compile("`([^`]+)`");

    @Test
    void theTopLevelHoldsOnlyWhatTheReadmeNames() {
        Checkout checkout = Checkout.project();
        Map<String, Boolean> named = namedFolders(checkout.read("README.md"));
        assertTrue(named.keySet().containsAll(List.of("src", "worker", "docs")), "folders parsed: " + named);
        List<String> problems = problems(named, checkout.tracked());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aStrayFileAnUnnamedFolderAndAMissingFolderAreFound() {
        Map<String, Boolean> named = namedFolders("""
                ## Architecture

                Folders: `src/` the module (`src/main/plotly` pins plotly.js), `worker/` the Worker with `migrations/`,
                `models/` (exported bundles, generated), `bench/` (benchmark scripts).

                ## Data
                """);
        assertEquals(Map.of("src", false, "worker", false, "models", true, "bench", false), named);
        Set<String> tracked = Set.of("src/A.java", "worker/a.ts", "worker/migrations/1.sql", "pom.xml", ".gitignore",
                ".ci/run", "rangler dev on 127.0.0.1:8787#", "scratch/notes.txt");
        assertEquals(List.of("top-level file 'rangler dev on 127.0.0.1:8787#' is not one of " + USUAL_FILES
                        + " (remove it, or name it in the README)",
                "top-level folder 'scratch/' is not in the README's folder list",
                "the README's folder list names 'bench/', which the repository does not have"),
                problems(named, tracked));
        assertThrows(AssertionError.class, () -> namedFolders("# pitwall\n\nNo folder list here.\n"));
    }

    /**
     * The folders of the README's "Folders:" paragraph: the first code span of each comma-separated part (commas in
     * parentheses do not separate), when it ends with '/'; the value says whether its part calls it generated.
     */
    static Map<String, Boolean> namedFolders(String readme) {
        int start = readme.indexOf("\nFolders:");
        assertTrue(start >= 0, "the README has no paragraph starting with 'Folders:'");
        int end = readme.indexOf("\n\n", start + 1);
        String paragraph = readme.substring(start + 1, end < 0 ? readme.length() : end)
                .substring("Folders:".length()).replace('\n', ' ');
        Map<String, Boolean> folders = new LinkedHashMap<>();
        for (String part : topLevelParts(paragraph)) {
            Matcher first = FIRST_CODE_SPAN.matcher(part);
            String span = first.find() ? first.group(1) : "";
            if (span.endsWith("/") && span.indexOf('/') == span.length() - 1) {
                folders.put(span.substring(0, span.length() - 1), part.contains("generated"));
            }
        }
        return folders;
    }

    /** What is at the top level but not allowed, and what is named but absent (unless generated). */
    static List<String> problems(Map<String, Boolean> named, Set<String> tracked) {
        Set<String> topFiles = new TreeSet<>();
        Set<String> topFolders = new TreeSet<>();
        for (String path : tracked) {
            int slash = path.indexOf('/');
            if (slash < 0) {
                topFiles.add(path);
            } else {
                topFolders.add(path.substring(0, slash));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String file : topFiles) {
            if (!file.startsWith(".") && !USUAL_FILES.contains(file)) {
                problems.add("top-level file '" + file + "' is not one of " + USUAL_FILES
                        + " (remove it, or name it in the README)");
            }
        }
        for (String folder : topFolders) {
            if (!folder.startsWith(".") && !named.containsKey(folder)) {
                problems.add("top-level folder '" + folder + "/' is not in the README's folder list");
            }
        }
        named.forEach((folder, generated) -> {
            if (!generated && !topFolders.contains(folder)) {
                problems.add("the README's folder list names '" + folder + "/', which the repository does not have");
            }
        });
        return problems;
    }

    private static List<String> topLevelParts(String paragraph) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean code = false;
        StringBuilder part = new StringBuilder();
        for (char c : paragraph.toCharArray()) {
            if (c == '`') {
                code = !code;
            } else if (!code && c == '(') {
                depth++;
            } else if (!code && c == ')') {
                depth--;
            } else if (!code && depth == 0 && c == ',') {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }
}
