package pitwall.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values checked while parsing, so a bad one is a usage error (exit 2) that names the option. */
final class OptionValues {

    private OptionValues() {
    }

    /** A TCP port, 0 to 65535 (0: any free one, where a command allows it). */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = integer(value);
            if (port < 0 || port > 65_535) {
                throw new TypeConversionException("'" + value + "' is not a port (0 to 65535)");
            }
            return port;
        }
    }

    /** A count or a number of seconds or bytes: at least 1. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = integer(value);
            if (n < 1) {
                throw new TypeConversionException("'" + value + "' must be at least 1");
            }
            return n;
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }
}
