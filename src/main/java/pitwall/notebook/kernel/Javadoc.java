package pitwall.notebook.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Javadoc comments as plain text for Jupyter's inspector: inline tags unwrapped, HTML dropped, block tags kept. */
final class Javadoc {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^}]*)}");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)\\s*<(?:p|br|li|ul|ol|pre|/pre|h\\d|/h\\d)[^>]*>\\s*");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private Javadoc() {
    }

    static String toPlainText(String javadoc) {
        Matcher inline = INLINE_TAG.matcher(javadoc);
        StringBuilder out = new StringBuilder();
        while (inline.find()) {
            // {@link String#format(String, Object...) format} shows its label, else the reference with '#' as '.'
            String body = inline.group(1).strip();
            int label = body.indexOf(' ', body.indexOf(')') + 1);
            String text = inline.group().startsWith("{@link") && label > 0 ? body.substring(label + 1)
                    : inline.group().startsWith("{@link") ? body.replace('#', '.') : body;
            inline.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        inline.appendTail(out);
        String text = PARAGRAPH.matcher(out).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", " ")
                .replace("&amp;", "&");
        return BLANK_LINES.matcher(text.strip()).replaceAll("\n\n");
    }
}
