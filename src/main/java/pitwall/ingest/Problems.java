package pitwall.ingest;

import java.util.ArrayList;
import java.util.List;

/** Collects dump problems; keeps the first {@value #KEPT} (a shifted column would otherwise give thousands). */
public final class Problems {

    static final int KEPT = 100;

    private final List<DumpProblem> kept = new ArrayList<>();
    private int total;

    public void add(String file, int line, String column, String value, String message) {
        total++;
        if (kept.size() < KEPT) {
            kept.add(new DumpProblem(file, line, column, value, message));
        }
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public int total() {
        return total;
    }

    public List<DumpProblem> list() {
        return List.copyOf(kept);
    }

    /** Throws a {@link DumpException} if anything was found. */
    public void throwIfAny(java.nio.file.Path dir) {
        if (total > 0) {
            throw new DumpException(dir, list(), total);
        }
    }
}
