package pitwall.data;

import java.util.regex.Pattern;

/** A result status: "Finished", "+1 Lap", "Engine", "Disqualified", … */
public record Status(int statusId, String status) {

    private static final Pattern LAPPED = Pattern.compile("\\+\\d+ Laps?");

    /**
     * True for "Finished" and "+N Lap(s)": the driver took the chequered flag. Such a result is always classified;
     * the converse does not hold (a driver retiring after 90% of the distance is classified).
     */
    public static boolean isFinish(String status) {
        return "Finished".equals(status) || (status != null && LAPPED.matcher(status).matches());
    }
}
