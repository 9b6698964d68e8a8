package pitwall.data;

import java.time.LocalDateTime;

/**
 * How the Worker resolved an {@code as_of}: the race it refers to (null for a date or none) and the start time
 * strictly before which races counted (null without {@code as_of}).
 */
public record AsOfCutoff(Integer raceId, LocalDateTime before) {}
