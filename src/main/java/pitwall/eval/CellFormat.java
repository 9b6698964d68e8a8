package pitwall.eval;

import java.util.Locale;

/** How table and CSV cells are written, shared by {@link Comparison}, {@link BacktestCsv} and the notebook display. */
public final class CellFormat {

    private CellFormat() {}

    /** Four decimals (docs/metrics.md#where-the-numbers-go); NaN (no probabilities) as an em dash. */
    public static String fixed4(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** Full precision for machines; NaN as an empty cell (pandas and Tablesaw read it as missing). */
    public static String csvNumber(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.valueOf(value);
    }

    /** RFC 4180: quoted when the text holds a comma, quote or line break. */
    public static String csvText(String text) {
        if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** Text escaped for HTML element content and attribute values. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
