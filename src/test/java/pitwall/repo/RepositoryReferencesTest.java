package pitwall.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prose that sends the reader to a file must send them somewhere: Java comments under {@code src/}, every Markdown
 * file, and the notebooks' cells. The rule is {@link References}'.
 */
class RepositoryReferencesTest {

    static Checkout checkout;
    static References references;

    @BeforeAll
    static void read() {
        checkout = Checkout.project();
        references = new References(checkout);
    }

    @Test
    void everyReferenceInProseLeadsToARepositoryFile() {
        List<References.Problem> problems = new ArrayList<>();
        int files = 0;
        for (String file : checkout.present()) {
            String prose;
            if (file.startsWith("src/") && file.endsWith(".java")) {
                prose = References.javaComments(checkout.read(file));
            } else if (file.endsWith(".md")) {
                prose = checkout.read(file);
            } else if (file.startsWith("notebooks/") && file.endsWith(".ipynb")) {
                prose = References.notebookCells(checkout.read(file));
            } else {
                continue;
            }
            files++;
            problems.addAll(references.check(file, prose));
        }
        assertTrue(files > 300, "read " + files + " files: the scan must cover src/, the Markdown and the notebooks");
        assertTrue(problems.isEmpty(), problems.size() + " references lead nowhere:\n"
                + problems.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void theRuleFindsDeliberatelyBrokenReferences() {
        String java = """
                package pitwall.sample;

                /**
                 * As PLANNING.md says; see {@code docs/no-such-page.md}, docs/metrics.md#no-such-section and bench/x.sh.
                 * Fine: docs/metrics.md#spearman, worker/API.md, API.md, models/ensembles/<version>, notebooks/out/,
                 * experiments/*.json, https://example.com/docs/elsewhere.md and ../shared/data/ergast.
                 */
                class Sample {
                    String notProse = "PLANNING.md docs/also-missing.md";
                    char quote = '"';
                    String url = "http://127.0.0.1/"; // a line comment: /work/shared/PLANNING.md, ../shared/notes
                }
                """;
        assertEquals(sorted("PLANNING.md", "docs/no-such-page.md", "docs/metrics.md#no-such-section", "bench/x.sh",
                "../shared/notes", "PLANNING.md"), flagged("src/main/java/pitwall/sample/Sample.java",
                References.javaComments(java)));

        String markdown = """
                # A page
                The [metrics](metrics.md#win-log-loss) and [the numbers](baselines.md#the-grid-baseline) exist;
                [this](metrics.md#nothing-here), `experiments/missing.json` and `docs/gone/` do not.
                """;
        assertEquals(sorted("experiments/missing.json", "docs/gone/", "metrics.md#nothing-here"),
                flagged("docs/sample.md", markdown));

        String notebook = """
                {"cells": [{"cell_type": "markdown", "source": ["Run `bench/missing.sh` first,\\n", "then docs/x.md."]},
                           {"cell_type": "code", "source": "wb.runExperiment(\\"experiments/notebook.json\\")"}]}
                """;
        assertEquals(sorted("bench/missing.sh", "docs/x.md"),
                flagged("notebooks/sample.ipynb", References.notebookCells(notebook)));
    }

    @Test
    void headingAnchorsFollowGitHub() {
        assertEquals(Set.of("metrics", "win-and-podium-brier", "a-model-kind", "an-endpoint-of-the-predictor"),
                References.headingAnchors("""
                        # Metrics
                        ### Win and podium Brier
                        ```
                        # not a heading
                        ```
                        ## A `model` kind
                        ## An endpoint of the predictor
                        """));
    }

    @Test
    void gitignoreExceptionsNameTrackedFiles() {
        Set<String> missing = new TreeSet<>();
        for (String line : checkout.read(".gitignore").split("\n")) {
            String path = line.strip();
            if (path.startsWith("!") && !path.contains("*")) {
                String file = path.substring(1).replaceFirst("^/", "").replaceFirst("/$", "");
                if (!checkout.tracked().contains(file) && !checkout.presentDirs().contains(file)) {
                    missing.add(path);
                }
            }
        }
        assertTrue(missing.isEmpty(), ".gitignore keeps files that do not exist: " + missing);
    }

    /** The references flagged in one file, sorted. */
    private static List<String> flagged(String file, String prose) {
        return references.check(file, prose).stream().map(References.Problem::reference).sorted().toList();
    }

    private static List<String> sorted(String... references) {
        return Stream.of(references).sorted().toList();
    }
}
