package pitwall.data;

import java.time.LocalDate;

/** One row of {@code GET /api/data/seasons}: a season's calendar and how much of it has results. */
public record SeasonSummary(int year, int races, int racesWithResults, int results, LocalDate firstDate,
                            LocalDate lastDate) {}
