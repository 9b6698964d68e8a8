package pitwall.data;

/** A circuit; {@code alt} is metres above sea level, null where unknown. */
public record Circuit(int circuitId, String circuitRef, String name, String location, String country,
                      Double lat, Double lng, Integer alt) {}
