package org.il7cds.engine.scenarios;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.SafeYaml;

/**
 * Typed values of one scenario file, each named by its path ({@code request.weightKg}): a value that cannot be read
 * is a problem of the file, never an exception. The schema has checked the shape first; this reads what a schema
 * cannot (real dates, numbers by {@link SafeYaml#NUMBER}, names of constants).
 */
record ScenarioValues(String file, List<RuleProblem> problems) {

    void error(String message) {
        problems.add(RuleProblem.error(file, 0, message));
    }

    Map<?, ?> map(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        error("'" + at + "' must be a mapping");
        return null;
    }

    List<?> list(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> l) {
            return l;
        }
        error("'" + at + "' must be a list [..]");
        return null;
    }

    BigDecimal decimal(Object value, String at) {
        if (value == null) {
            return null;
        }
        BigDecimal number = SafeYaml.number(value);
        if (number == null) {
            error("'" + at + "' is not " + SafeYaml.numberRule() + ": " + shorten(value));
        }
        return number;
    }

    Integer whole(Object value, String at) {
        BigDecimal number = decimal(value, at);
        if (number == null) {
            return null;
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            error("'" + at + "' is not a whole number: " + value);
            return null;
        }
    }

    LocalDate date(Object value, String at) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            error("'" + at + "' is not a date (YYYY-MM-DD): " + shorten(value));
            return null;
        }
    }

    Boolean bool(Object value, String at) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        error("'" + at + "' must be true or false, not " + shorten(value));
        return null;
    }

    <E extends Enum<E>> E constant(Class<E> type, Object value, String at) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error("'" + at + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ", not " + shorten(value));
            return null;
        }
    }

    <T> List<T> each(Object value, String at, BiFunction<Object, String, T> read) {
        List<?> list = list(value, at);
        if (list == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            T t = read.apply(list.get(i), at + "[" + i + "]");
            if (t == null && list.get(i) == null) {
                error("'" + at + "[" + i + "]' is empty");
            }
            out.add(t);
        }
        return out;
    }

    /** A mapping of text keys to values read with {@code read}, in file order. */
    <T> Map<String, T> entries(Object value, String at, BiFunction<Object, String, T> read) {
        Map<?, ?> map = map(value, at);
        Map<String, T> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> out.put(String.valueOf(k), read.apply(v, at + "." + k)));
        }
        return out;
    }

    String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
