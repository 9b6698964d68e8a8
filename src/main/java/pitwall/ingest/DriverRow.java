package pitwall.ingest;

import java.util.List;

/** A row of drivers.csv. */
public record DriverRow(int driverId, String driverRef, Integer number, String code, String forename,
                        String surname, String dob, String nationality, String url) {

    static final List<String> COLUMNS =
            List.of("driverId", "driverRef", "number", "code", "forename", "surname", "dob", "nationality", "url");

    static DriverRow from(TypedRow r) {
        return new DriverRow(r.integer("driverId"), r.text("driverRef"), r.optInt("number"), r.optText("code"),
                r.text("forename"), r.text("surname"), r.optDate("dob"), r.optText("nationality"), r.optText("url"));
    }
}
