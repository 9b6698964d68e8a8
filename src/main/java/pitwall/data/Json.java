package pitwall.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The two Jackson mappers of the data package: {@link #MAPPER} for the Worker API and {@link #CANONICAL} for
 * snapshot files (properties sorted by name, so a snapshot's bytes depend on the data only).
 */
final class Json {

    /** Reads and writes API JSON; tolerant of fields the Worker adds, strict about nulls in primitives. */
    static final ObjectMapper MAPPER = builder().build();

    /** Writes canonical JSON: record properties and map keys sorted, no whitespace. */
    static final ObjectMapper CANONICAL = builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {}

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .addModule(javaTime())
                // The Worker may add fields; a missing required number must not silently become 0.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * ISO-8601 text for the java.time types the API uses. jackson-datatype-jsr310 would do the same, but it is not a
     * dependency of the project and four types do not justify one.
     */
    private static SimpleModule javaTime() {
        SimpleModule module = new SimpleModule("pitwall-java-time");
        add(module, LocalDate.class, LocalDate::parse, DateTimeFormatter.ISO_LOCAL_DATE::format);
        // Times are HH:MM:SS in UTC; tolerate a trailing Z as some Ergast mirrors write it.
        add(module, LocalTime.class, s -> LocalTime.parse(stripZ(s)), DateTimeFormatter.ISO_LOCAL_TIME::format);
        add(module, LocalDateTime.class, s -> LocalDateTime.parse(stripZ(s)),
                DateTimeFormatter.ISO_LOCAL_DATE_TIME::format);
        add(module, Instant.class, Instant::parse, Instant::toString);
        return module;
    }

    private static String stripZ(String s) {
        return s.endsWith("Z") ? s.substring(0, s.length() - 1) : s;
    }

    private static <T> void add(SimpleModule module, Class<T> type, Function<String, T> parse,
                                Function<T, String> format) {
        module.addDeserializer(type, new IsoDeserializer<>(type, parse));
        module.addSerializer(type, new StdScalarSerializer<T>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(format.apply(value));
            }
        });
    }

    private static final class IsoDeserializer<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;

        IsoDeserializer(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                return (T) ctxt.handleWeirdStringValue(handledType(), text,
                        "expected ISO-8601 %s", handledType().getSimpleName());
            }
        }
    }
}
