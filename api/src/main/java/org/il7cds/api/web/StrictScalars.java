package org.il7cds.api.web;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * The two scalar forms of the request JSON that Jackson reads too leniently for clinical input, as a Jackson module:
 * <ul>
 * <li>a decimal has at most {@value #MAX_DIGITS} digits before and after the decimal point. Jackson's number-length
 * limit (1000 characters) does not bound the exponent: {@code 0e-999999999} is twelve characters and a valid
 * BigDecimal, but its plain text is a billion characters, and printing it ran the heap out (500);</li>
 * <li>a date is exactly {@code YYYY-MM-DD}. Jackson's reader trims the text and accepts a date-time
 * ({@code 2026-11-26T10:00:00}) as its date.</li>
 * </ul>
 * Either is a 400 naming the field. Each costs a few comparisons per value.
 */
final class StrictScalars {

    /** Digits a decimal may have on either side of the decimal point (every bound of the contract is far below). */
    static final int MAX_DIGITS = 100;

    private StrictScalars() {
    }

    static SimpleModule module() {
        return new SimpleModule("il7cds-strict-scalars")
                .addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer())
                .addDeserializer(LocalDate.class, new IsoDateDeserializer());
    }

    /** True for a decimal whose plain form has more than {@link #MAX_DIGITS} digits on one side of the point. */
    static boolean outOfRange(BigDecimal value) {
        return value.scale() > MAX_DIGITS || (long) value.precision() - value.scale() > MAX_DIGITS;
    }

    /** Jackson's BigDecimal reading (with the coercion settings of StrictJsonConfiguration), then the digit bound. */
    static final class BoundedDecimalDeserializer extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            BigDecimal value;
            try {
                value = super.deserialize(p, ctxt);
            } catch (StreamReadException e) {
                if (p.currentToken() == null || !p.currentToken().isNumeric()) {
                    throw e;
                }
                // An exponent no decimal can hold (1e-2147483648): the same refusal, not "malformed JSON".
                throw new DigitsOutOfRangeException(p, null);
            }
            if (value != null && outOfRange(value)) {
                throw new DigitsOutOfRangeException(p, value);
            }
            return value;
        }
    }

    /** A decimal beyond {@link #MAX_DIGITS}; Jackson adds the field's path as it propagates. */
    static final class DigitsOutOfRangeException extends InvalidFormatException {
        private static final long serialVersionUID = 1L;

        DigitsOutOfRangeException(JsonParser p, BigDecimal value) {
            super(p, "a number with more than " + MAX_DIGITS + " digits before or after the decimal point", value,
                    BigDecimal.class);
        }
    }

    /** A date as ten characters {@code YYYY-MM-DD}, a real calendar date (no 2026-02-30). */
    static final class IsoDateDeserializer extends StdScalarDeserializer<LocalDate> {
        IsoDateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getString();
            if (isIsoDate(text)) {
                try {
                    // Digits checked above: read them directly (a tenth of DateTimeFormatter's cost per date).
                    return LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
                } catch (DateTimeException e) {
                    // not a calendar date: refused below
                }
            }
            return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not a date as YYYY-MM-DD");
        }

        private static boolean isIsoDate(String s) {
            if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
                return false;
            }
            for (int i = 0; i < 10; i++) {
                if (i != 4 && i != 7 && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
                    return false;
                }
            }
            return true;
        }

        private static int number(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                n = n * 10 + (s.charAt(i) - '0');
            }
            return n;
        }
    }
}
