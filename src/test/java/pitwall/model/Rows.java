package pitwall.model;

import java.time.LocalDateTime;
import pitwall.features.EntrantRow;

/** Hand-made entrant rows for small tests. */
final class Rows {

    private Rows() {
    }

    /** An entrant of an upcoming-style race with only a raw grid and no features. */
    static EntrantRow entrant(int raceId, int driverId, int grid) {
        return new EntrantRow(raceId, 2024, 1, LocalDateTime.of(2024, 3, 2, 15, 0), driverId, driverId % 10,
                grid, null, null, new double[0]);
    }
}
