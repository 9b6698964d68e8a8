package pitwall.track;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Doubles written and read as Python writes them, since MLflow's file store writes metric values with
 * {@code f"{value}"} (Python's repr: shortest round-trip digits, {@code 1e-05}, {@code 1e+16}, {@code nan}).
 */
final class PyFloat {

    private PyFloat() {
    }

    static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        // Since JDK 19 Double.toString gives the shortest digits that round-trip, as Python's repr does.
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        if (d.precision() == 2) {
            // Java may prefer a closer 2-digit decimal where a 1-digit one also round-trips (4.9E-324 vs 5e-324);
            // Python takes the shortest.
            BigDecimal one = d.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == Math.abs(v)) {
                d = one.stripTrailingZeros();
            }
        }
        String digits = d.unscaledValue().toString();
        int decpt = digits.length() - d.scale(); // value = 0.<digits> x 10^decpt
        String sign = v < 0 ? "-" : "";
        // CPython's float_repr_style 'short': exponent notation when decpt <= -4 or decpt > 16.
        if (decpt <= -4 || decpt > 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int exp = decpt - 1;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        if (decpt <= 0) {
            return sign + "0." + "0".repeat(-decpt) + digits;
        }
        if (decpt >= digits.length()) {
            return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
        }
        return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
    }

    /** Parses Python's float() spellings that MLflow writes: repr output, nan, inf, -inf. */
    static double parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s.trim());
        };
    }
}
