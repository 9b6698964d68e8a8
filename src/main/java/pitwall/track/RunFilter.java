package pitwall.track;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which runs a search returns: runs whose tags equal all the given values (empty: every run).
 * For example {@code RunFilter.tag(MlflowTags.PARENT_RUN_ID, parent.runId())} finds a parent's variant runs.
 */
public record RunFilter(Map<String, String> tags) {

    public RunFilter {
        tags.forEach(MlflowLimits::checkTag);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public static RunFilter all() {
        return new RunFilter(Map.of());
    }

    public static RunFilter tag(String key, String value) {
        return all().andTag(key, value);
    }

    public RunFilter andTag(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(key, value);
        return new RunFilter(more);
    }

    public boolean matches(Map<String, String> runTags) {
        return tags.entrySet().stream().allMatch(e -> e.getValue().equals(runTags.get(e.getKey())));
    }

    /** MLflow's search syntax: {@code tags.`key` = 'value' AND …}; null for no filter. */
    String toMlflowFilter() {
        if (tags.isEmpty()) {
            return null;
        }
        return tags.entrySet().stream()
                .map(e -> "tags.`" + e.getKey() + "` = " + quote(e.getValue()))
                .collect(Collectors.joining(" AND "));
    }

    private static String quote(String value) {
        if (!value.contains("'")) {
            return "'" + value + "'";
        }
        if (!value.contains("\"")) {
            return "\"" + value + "\"";
        }
        throw TrackingException.invalid("Cannot search for tag value " + value + ": MLflow's filter syntax has no "
                + "escape for a value with both ' and \"");
    }
}
