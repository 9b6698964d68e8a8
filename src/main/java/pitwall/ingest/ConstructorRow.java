package pitwall.ingest;

import java.util.List;

/** A row of constructors.csv. */
public record ConstructorRow(int constructorId, String constructorRef, String name, String nationality, String url) {

    static final List<String> COLUMNS = List.of("constructorId", "constructorRef", "name", "nationality", "url");

    static ConstructorRow from(TypedRow r) {
        return new ConstructorRow(r.integer("constructorId"), r.text("constructorRef"), r.text("name"),
                r.optText("nationality"), r.optText("url"));
    }
}
