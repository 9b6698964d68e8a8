package pitwall.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plotly.js bundled in the jar and the {@code <script>} element that loads it into a page.
 *
 * <p>It is npm's {@code plotly.js-dist-min}, pinned in {@code src/main/plotly/package-lock.json} and copied into the
 * jar by the build (pom.xml, execution {@code bundle-plotly}). Only major version 2 is accepted: plotly 3 dropped the
 * string form of {@code layout.title} that Tablesaw's jsplot writes, so every title would vanish.
 */
public final class PlotlyJs {

    /** Classpath resource, beside this class. */
    static final String RESOURCE = "plotly.min.js";
    private static final Pattern VERSION = Pattern.compile("plotly\\.js v(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final int MAJOR = 2;

    private static volatile Bundle bundle;

    private record Bundle(String version, String source, String scriptElement) {}

    private PlotlyJs() {
    }

    /** The bundled version, from the library's own header ({@code 2.35.3}). */
    public static String version() {
        return bundle().version();
    }

    /** The minified library as shipped by npm. */
    public static String source() {
        return bundle().source();
    }

    /**
     * A {@code <script>} element that defines {@code window.Plotly} unless the page already has it. It works inline in
     * a notebook output and in nbconvert's HTML, offline: no CDN, no module loader.
     */
    public static String scriptElement() {
        return bundle().scriptElement();
    }

    private static Bundle bundle() {
        Bundle loaded = bundle;
        if (loaded == null) {
            synchronized (PlotlyJs.class) {
                loaded = bundle;
                if (loaded == null) {
                    loaded = load();
                    bundle = loaded;
                }
            }
        }
        return loaded;
    }

    private static Bundle load() {
        String source;
        try (InputStream in = PlotlyJs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js is not in this build (classpath resource "
                        + PlotlyJs.class.getPackageName().replace('.', '/') + "/" + RESOURCE + "): run `npm ci` in "
                        + "src/main/plotly and build again (./pitwall does both)");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled plotly.js (" + RESOURCE + ")", e);
        }
        Matcher header = VERSION.matcher(source.substring(0, Math.min(source.length(), 200)));
        if (!header.find()) {
            throw new IllegalStateException("the bundled " + RESOURCE + " does not start with a plotly.js version "
                    + "header: is src/main/plotly/node_modules/plotly.js-dist-min really plotly.js?");
        }
        if (Integer.parseInt(header.group(1)) != MAJOR) {
            throw new IllegalStateException("the bundled plotly.js is " + header.group() + " but pitwall needs major "
                    + "version " + MAJOR + " (plotly 3 drops the titles Tablesaw writes; docs/decisions.md): fix "
                    + "src/main/plotly/package.json, run `npm install` there and build again");
        }
        String version = header.group(1) + "." + header.group(2) + "." + header.group(3);
        return new Bundle(version, source, script(version, source));
    }

    private static String script(String version, String source) {
        // Inline in HTML, "</script" would end the element early, and "<!--" or "<script" would switch the parser
        // into its escaped states. Inside a JS string or regex "<\/script" means the same; the other two never occur
        // in the minified bundle, and anything else is refused rather than silently broken.
        String inline = source.replaceAll("(?i)</script", "<\\\\/script");
        if (inline.contains("<!--") || inline.toLowerCase(java.util.Locale.ROOT).contains("<script")) {
            throw new IllegalStateException("the bundled plotly.js " + version + " contains \"<!--\" or \"<script\" "
                    + "and cannot be inlined in a <script> element");
        }
        // define, module and exports are shadowed so that plotly's UMD header always sets window.Plotly: with an AMD
        // loader on the page (require.js in Notebook 6, and in nbconvert's pages when they are online) it would
        // otherwise register an anonymous module, which require.js rejects, and window.Plotly would stay undefined.
        // MathJaxConfig 'local' stops plotly from reconfiguring the notebook's own MathJax.
        return "<script type=\"text/javascript\">\n"
                + "/* plotly.js " + version + " (MIT licence, Plotly, Inc.), bundled with pitwall so plots draw offline."
                + " */\n"
                + "if (!window.Plotly) {\n"
                + "window.PlotlyConfig = window.PlotlyConfig || {MathJaxConfig: 'local'};\n"
                + "(function (define, module, exports) {\n"
                + inline
                + "\n}).call(window);\n"
                + "}\n"
                + "</script>\n";
    }
}
