package pitwall.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import pitwall.ingest.DumpLocator;

/** The real Ergast dump for tests (resolved like the CLI does), and broken copies of it in a temporary directory. */
public final class RealDump {

    /** Rows per table in the pinned dump (its README). */
    public static final Map<String, Long> ROWS = Map.ofEntries(
            Map.entry("seasons", 76L), Map.entry("circuits", 77L), Map.entry("status", 139L),
            Map.entry("drivers", 864L), Map.entry("constructors", 212L), Map.entry("races", 1149L),
            Map.entry("results", 27118L), Map.entry("sprint_results", 420L), Map.entry("qualifying", 10854L),
            Map.entry("driver_standings", 35235L), Map.entry("constructor_standings", 13571L));

    private RealDump() {
    }

    /** The dump directory: $PITWALL_DATA, else ../shared/data/ergast, else the pinned download. */
    public static Path dir() {
        return DumpLocator.locate(null).dir();
    }

    /** Copies every CSV of the real dump into {@code target}, then rewrites {@code file} with {@code edit}. */
    public static Path copyWith(Path target, String file, UnaryOperator<String> edit) {
        try {
            Files.createDirectories(target);
            try (var files = Files.list(dir())) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
            if (file != null) {
                Path edited = target.resolve(file);
                Files.writeString(edited, edit.apply(Files.readString(edited, StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the first occurrence of a whole line starting with {@code prefix} by {@code replacement}. */
    public static UnaryOperator<String> replaceLine(String prefix, String replacement) {
        return text -> {
            int at = text.startsWith(prefix) ? 0 : text.indexOf("\n" + prefix) + 1;
            if (at == 0 && !text.startsWith(prefix)) {
                throw new IllegalArgumentException("no line starts with " + prefix);
            }
            int end = text.indexOf('\n', at);
            return text.substring(0, at) + replacement + text.substring(end < 0 ? text.length() : end);
        };
    }

    /** The 1-based line number of the first line starting with {@code prefix} in a file of the real dump. */
    public static int lineOf(String file, String prefix) {
        try {
            var lines = Files.readAllLines(dir().resolve(file), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("no line starts with " + prefix + " in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
