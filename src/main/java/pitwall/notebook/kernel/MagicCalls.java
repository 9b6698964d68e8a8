package pitwall.notebook.kernel;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.magic.ParsedCellMagic;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;

/**
 * Turns {@code %name args} lines (and {@code %%name} cells) into calls of {@link Magics}, on the same line, so the
 * lines of a cell keep their numbers. An unknown magic fails before any of the cell runs.
 */
final class MagicCalls extends MagicTranspiler {

    private static final Pattern UNESCAPED_QUOTE = Pattern.compile("(?<!\\\\)\"");

    private final MagicsRegistry registry;

    MagicCalls(MagicsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String transpileLine(ParsedLineMagic magic) {
        if (insideString(magic.linePrefix)) {
            return magic.raw;
        }
        String name = magic.magicCall.name;
        if (!registry.getLineMagicNames().contains(name)) {
            throw unknown("%" + name, registry.getLineMagicNames(), "%");
        }
        return Magics.class.getName() + ".line(" + literal(name) + ", " + list(magic.magicCall.args) + ");";
    }

    @Override
    public String transpileCell(ParsedCellMagic magic) {
        String name = magic.magicCall.name;
        if (!registry.getCellMagicNames().contains(name)) {
            throw unknown("%%" + name, registry.getCellMagicNames(), "%%");
        }
        return Magics.class.getName() + ".cell(" + literal(name) + ", " + list(magic.magicCall.args) + ", "
                + literal(magic.magicCall.body) + ");";
    }

    private static MagicException unknown(String magic, java.util.Set<String> known, String prefix) {
        String names = new TreeSet<>(known).stream().map(n -> prefix + n).collect(Collectors.joining(", "));
        return new MagicException("unknown magic " + magic + (names.isEmpty() ? "" : "; this kernel has " + names));
    }

    private static boolean insideString(String linePrefix) {
        Matcher quotes = UNESCAPED_QUOTE.matcher(linePrefix);
        boolean inside = false;
        while (quotes.find()) {
            inside = !inside;
        }
        return inside;
    }

    private static String list(List<String> args) {
        return "java.util.List.of(" + args.stream().map(MagicCalls::literal).collect(Collectors.joining(", ")) + ")";
    }

    /** A Java string literal for any text. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
