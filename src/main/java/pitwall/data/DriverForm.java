package pitwall.data;

/** {@code GET /api/data/driver/{driver}}: a driver and their as-of statistics. */
public record DriverForm(Driver driver, AsOfCutoff asOf, DriverStats stats) {}
