package pitwall.notebook.display;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless and offline, for checking that HTML (a rendered figure, nbconvert's page of an executed
 * notebook) really draws its plots: {@link #dumpDom} loads a local file, lets its scripts run and returns the DOM;
 * {@link #drawnPlots} reads what plotly drew out of that DOM.
 *
 * <p>Offline means offline: every host name fails to resolve and no proxy is used, so a page that needs a CDN fails
 * here the way it would on a machine without network. Each run gets a new profile directory, deleted afterwards.
 */
public final class HeadlessChromium {

    /** Debian's package {@code chromium}. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    /** Beyond the page's virtual time budget: start-up, a 4.6 MB inline script, the DOM dump. */
    private static final Duration START_AND_DUMP = Duration.ofSeconds(90);

    private HeadlessChromium() {
    }

    /** Whether {@link #BINARY} is there (tests skip without it; CI installs it). */
    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Opens {@code html} (a local file) offline, runs its scripts for up to {@code budget} of virtual time (timers are
     * fast-forwarded, so a 10 s budget passes in well under that) and returns the serialised DOM.
     *
     * @throws IllegalStateException when Chromium fails, prints nothing, or is still running {@code budget} + 90 s later
     */
    public static String dumpDom(Path html, Duration budget) {
        if (!Files.isRegularFile(html)) {
            throw new IllegalArgumentException("no HTML file at " + html.toAbsolutePath());
        }
        Path profile = null;
        Process process = null;
        try {
            profile = Files.createTempDirectory("pitwall-chromium-");
            Path out = profile.resolve("dom.html"), log = profile.resolve("chromium.log");
            List<String> command = List.of(BINARY.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND",
                    "--user-data-dir=" + profile.resolve("profile"),
                    "--virtual-time-budget=" + budget.toMillis(),
                    "--dump-dom", html.toAbsolutePath().toUri().toString());
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
            Duration limit = budget.plus(START_AND_DUMP);
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Chromium did not finish " + html + " within " + limit.toSeconds()
                        + " s; its log ends: " + tail(log));
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || dom.isBlank()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + " and "
                        + dom.length() + " characters of DOM for " + html + "; its log ends: " + tail(log));
            }
            return dom;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY + " on " + html, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium loaded " + html, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteTree(profile);
        }
    }

    /**
     * One plot as plotly drew it.
     *
     * @param points scatter markers ({@code .scatterlayer .point})
     * @param bars   bars ({@code .barlayer .point})
     * @param title  the text of its {@code .gtitle}, entities decoded; empty when it has none
     */
    public record DrawnPlot(int points, int bars, String title) {
        /** Markers and bars together. */
        public int marks() {
            return points + bars;
        }
    }

    /** Every plot plotly drew in {@code dom} (one per {@code svg.main-svg} with data), in document order. */
    public static List<DrawnPlot> drawnPlots(String dom) {
        List<DrawnPlot> plots = new ArrayList<>();
        // Each plot is a div.plot-container holding its svg.main-svg layers; the text up to the next one is its own.
        String[] containers = withoutScripts(dom).split("<div class=\"plot-container plotly\"", -1);
        for (int i = 1; i < containers.length; i++) {
            String plot = containers[i];
            if (!plot.contains("class=\"main-svg\"")) {
                continue;
            }
            // Scatter markers are <path class="point">, bars <g class="point"><path>; each in its trace layer.
            plots.add(new DrawnPlot(count(layers(plot, "scatterlayer"), "<path class=\"point\""),
                    count(layers(plot, "barlayer"), "<g class=\"point\""), title(plot)));
        }
        return plots;
    }

    /**
     * The only plot drawn in {@code dom}, failing with what the page shows instead (for example the message of a
     * figure whose plotly.js never arrived) when there is none or several.
     */
    public static DrawnPlot requireOnePlot(String dom) {
        List<DrawnPlot> plots = drawnPlots(dom);
        if (plots.size() != 1) {
            throw new AssertionError("expected one plot drawn by plotly (svg.main-svg), found " + plots.size() + ": "
                    + plots + "; the page's text: " + visibleText(dom));
        }
        return plots.getFirst();
    }

    /** The page's text without tags and scripts, shortened: what a reader would see instead of a plot. */
    public static String visibleText(String dom) {
        String text = withoutScripts(dom).replaceAll("(?is)<style\\b.*?</style>", " ")
                .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
        return text.length() > 2000 ? text.substring(0, 2000) + " …" : text;
    }

    /** The DOM without script elements (the inlined plotly.js alone is 4.6 MB of them). */
    private static String withoutScripts(String dom) {
        return dom.replaceAll("(?is)<script\\b.*?</script>", " ");
    }

    /**
     * Every trace layer of that type (one per subplot), each from its opening tag to the axis layer plotly stacks
     * above the trace layers of a subplot.
     */
    private static String layers(String plot, String layer) {
        StringBuilder found = new StringBuilder();
        for (int at = plot.indexOf("class=\"" + layer); at >= 0; at = plot.indexOf("class=\"" + layer, at + 1)) {
            int end = plot.indexOf("class=\"xaxislayer-above", at);
            found.append(plot, at, end < 0 ? plot.length() : end);
        }
        return found.toString();
    }

    private static final Pattern TITLE = Pattern.compile("<text class=\"gtitle\"[^>]*>(.*?)</text>", Pattern.DOTALL);

    private static String title(String plot) {
        Matcher m = TITLE.matcher(plot);
        return m.find() ? decode(m.group(1).replaceAll("<[^>]+>", "")) : "";
    }

    private static String decode(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    private static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            return text.length() > 1500 ? "…" + text.substring(text.length() - 1500) : text;
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp profile is harmless
        }
    }
}
