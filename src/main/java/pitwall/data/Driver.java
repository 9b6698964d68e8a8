package pitwall.data;

import java.time.LocalDate;

/** A driver; {@code number} and {@code code} are null for most drivers before 2014. */
public record Driver(int driverId, String driverRef, Integer number, String code, String forename, String surname,
                     LocalDate dob, String nationality) {

    /** "Max Verstappen". */
    public String fullName() {
        return forename + " " + surname;
    }
}
