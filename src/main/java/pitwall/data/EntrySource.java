package pitwall.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a race's entry list came from (API.md, race features). */
public enum EntrySource {
    /** The race has results: the entrants are its result rows. */
    @JsonProperty("results") RESULTS,
    /** No results yet, but qualifying. */
    @JsonProperty("qualifying") QUALIFYING,
    /** An upcoming race: the entrants of the latest earlier race. */
    @JsonProperty("previous_race") PREVIOUS_RACE
}
