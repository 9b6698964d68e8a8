package pitwall.ingest;

import java.util.List;

/** A row of status.csv (ids are not contiguous). */
public record StatusRow(int statusId, String status) {

    static final List<String> COLUMNS = List.of("statusId", "status");

    static StatusRow from(TypedRow r) {
        return new StatusRow(r.integer("statusId"), r.text("status"));
    }
}
