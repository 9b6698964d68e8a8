package pitwall.cli;

import java.util.function.IntSupplier;
import picocli.CommandLine.Option;

/** {@code --from/--to}: the seasons a command reads; without --to, up to the latest season its data holds. */
final class SeasonRange {

    @Option(names = "--from", defaultValue = "2014", description = "First season (default: ${DEFAULT-VALUE}).")
    int from;
    @Option(names = "--to", description = "Last season (default: the latest season the data holds).")
    Integer to;

    /** --to, else {@code latest} (asked only then, e.g. the Worker's latest season). */
    int last(IntSupplier latest) {
        return to != null ? to : latest.getAsInt();
    }
}
