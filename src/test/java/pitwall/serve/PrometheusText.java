package pitwall.serve;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), as a scraper reads it: every line a
 * comment ({@code # HELP}, {@code # TYPE}) or a sample {@code name{label="value",...} number}, label values with only
 * the three escapes the format allows, each sample's family declared by a TYPE line before it.
 */
final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
                    + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*)?})? "
                    + "(-?[0-9.eE+-]+|NaN|[+-]Inf)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)");

    private PrometheusText() {
    }

    /** Throws {@link AssertionError} naming the first line a scraper would reject; returns the sample count. */
    static int check(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a newline");
        }
        Map<String, String> types = new HashMap<>();
        int samples = 0;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                Matcher m = TYPE.matcher(line);
                if (!m.matches() || types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("line " + n + ": bad or repeated TYPE: " + line);
                }
            } else if (line.startsWith("# HELP ")) {
                String name = line.substring(7).split(" ", 2)[0];
                if (!NAME.matcher(name).matches()) {
                    throw new AssertionError("line " + n + ": bad HELP: " + line);
                }
            } else if (line.startsWith("#")) {
                continue;
            } else {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new AssertionError("line " + n + ": not a sample: " + line);
                }
                String family = m.group(1).replaceAll("_(bucket|sum|count)$", "");
                if (!types.containsKey(m.group(1)) && !types.containsKey(family)) {
                    throw new AssertionError("line " + n + ": sample before its TYPE: " + line);
                }
                samples++;
            }
        }
        return samples;
    }
}
