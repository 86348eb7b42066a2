package org.il7cds.api.web;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * Numbers are limited in length and scale before they become BigDecimal (issue 12: a CD4 value of
 * {@code 0e-999999999} ran the heap out and answered 500). Every number form, named or generated from a seed, in
 * numeric fields of several operations: never a 5xx, and a number with more than 100 digits before or after the
 * decimal point, or longer than the parser's 1000 characters, is a 400 naming its field.
 */
class NumericFormsIT extends ApiIT {

    private static final long SEED = 0x0E999L;

    /** A numeric field of an operation: the body with the number spliced in at {@code N}, and the field's name. */
    record Slot(String path, TestKeys key, String field, UnaryOperator<String> body) {
        @Override
        public String toString() {
            return path + " " + field;
        }
    }

    private static final String LAB = "\"unit\":\"cells/uL\",\"sampleDate\":\"2026-11-19\"";

    private static final List<Slot> SLOTS = List.of(
            new Slot("/v1/eligibility/assessments", TestKeys.SCREENER, "candidate.cd4Counts[0].value",
                    n -> "{\"candidate\":{\"pseudonymId\":\"A\",\"cd4Counts\":[{\"value\":" + n + "," + LAB + "}]}}"),
            new Slot("/v1/eligibility/assessments", TestKeys.SCREENER, "candidate.hivRna[1].value",
                    n -> "{\"candidate\":{\"pseudonymId\":\"A\",\"hivRna\":[{\"value\":20,\"unit\":\"copies/mL\","
                            + "\"sampleDate\":\"2026-11-19\"},{\"unit\":\"copies/mL\",\"value\":" + n
                            + ",\"sampleDate\":\"2026-11-19\"}]}}"),
            new Slot("/v1/eligibility/assessments", TestKeys.SCREENER, "candidate.creatinine[0].upperLimitOfNormal",
                    n -> "{\"candidate\":{\"pseudonymId\":\"A\",\"creatinine\":[{\"value\":0.9,\"unit\":\"mg/dL\","
                            + "\"upperLimitOfNormal\":" + n + ",\"sampleDate\":\"2026-11-19\"}]}}"),
            new Slot("/v1/eligibility/assessments", TestKeys.SCREENER, "candidate.ageYears",
                    n -> "{\"candidate\":{\"pseudonymId\":\"A\",\"ageYears\":" + n + "}}"),
            new Slot("/v1/eligibility/assessments/batch", TestKeys.SCREENER, "candidates[1].platelets[0].value",
                    n -> "{\"candidates\":[{\"pseudonymId\":\"A\"},{\"pseudonymId\":\"B\",\"platelets\":[{\"value\":"
                            + n + ",\"unit\":\"10*9/L\",\"sampleDate\":\"2026-11-19\"}]}]}"),
            new Slot("/v1/dosing/calendars", TestKeys.PHARMACIST, "weightKg", n -> calendar("weightKg", n)),
            new Slot("/v1/dosing/calendars", TestKeys.PHARMACIST, "syringeGraduationMl",
                    n -> calendar("syringeGraduationMl", n)),
            new Slot("/v1/rules/previews", TestKeys.INFORMATICIAN, "candidates[0].neutrophils[0].value",
                    n -> "{\"rules\":{\"source\":\"upload\",\"files\":{}},\"candidates\":[{\"pseudonymId\":\"A\","
                            + "\"neutrophils\":[{\"value\":" + n + "," + LAB + "}]}]}"));

    private static final List<String> NAMED = List.of("0e-999999999", "1e999999999", "-0e-999999999", "1E+999999999",
            "0e-49999999", "1e-2147483648", "1e2147483648", "9".repeat(5000), "0." + "0".repeat(4998) + "1",
            "1" + "0".repeat(1000), "1" + "0".repeat(999), "1" + "0".repeat(100), "1" + "0".repeat(99),
            "0." + "0".repeat(100) + "1", "0." + "0".repeat(99) + "1", "1e100", "1e101", "0.1e-100", "1e-12", "1e-13",
            "250", "250.0", "2.5e2", "-0", "0e0", "0.0", "70.5", "123456789012345678901234567890");

    private static String calendar(String field, String number) {
        Map<String, Object> body = Bodies.calendarRequest(Bodies.eligibleCandidate());
        body.put(field, 123456789);
        return Bodies.toJson(body).replace("123456789", number);
    }

    @Test
    void namedFormsAreHandledAndAnOutOfRangeOneNamesItsField() {
        for (String number : NAMED) {
            for (Slot slot : SLOTS) {
                check(slot, number);
            }
        }
    }

    @Test
    void generatedFormsAreHandledAndAnOutOfRangeOneNamesItsField() {
        Random random = new Random(SEED);
        for (int i = 0; i < 400; i++) {
            check(SLOTS.get(random.nextInt(SLOTS.size())), number(random));
        }
    }

    private void check(Slot slot, String number) {
        String what = "seed " + SEED + ": " + slot + " = " + abbreviate(number);
        HttpResponse<String> r = post(slot.path(), slot.body().apply(number), "application/json", null,
                slot.key().authorization());
        assertHandled(r, what);
        if (outOfRange(number)) {
            assertValidationNames(r, slot.field(), what);
        }
    }

    /** Out of range by the rule the service applies: too long to parse, or more than 100 digits on a side. */
    private static boolean outOfRange(String number) {
        if (number.length() > 1000) {
            return true;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            return true; // an exponent beyond what a BigDecimal holds
        }
        return value.scale() > 100 || (long) value.precision() - value.scale() > 100;
    }

    /** A number in JSON's grammar: sign, integer digits, fraction, exponent, each short, long or extreme. */
    private static String number(Random random) {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(4) == 0) {
            sb.append('-');
        }
        int intDigits = length(random);
        sb.append(intDigits <= 1 ? String.valueOf(random.nextInt(10)) : (char) ('1' + random.nextInt(9)) + digits(random,
                intDigits - 1));
        if (random.nextBoolean()) {
            sb.append('.').append(digits(random, Math.max(1, length(random))));
        }
        if (random.nextBoolean()) {
            sb.append(random.nextBoolean() ? 'e' : 'E');
            int r = random.nextInt(3);
            sb.append(r == 0 ? "" : r == 1 ? "+" : "-");
            sb.append(switch (random.nextInt(5)) {
                case 0 -> String.valueOf(random.nextInt(20));
                case 1 -> String.valueOf(90 + random.nextInt(20));
                case 2 -> String.valueOf(random.nextInt(Integer.MAX_VALUE));
                case 3 -> "2147483648";
                default -> digits(random, 1 + random.nextInt(14));
            });
        }
        return sb.toString();
    }

    private static int length(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> 1 + random.nextInt(6);
            case 3 -> 95 + random.nextInt(10);
            case 4 -> 990 + random.nextInt(20);
            default -> random.nextInt(3000);
        };
    }

    private static String digits(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 30) + "...(" + s.length() + " characters)";
    }
}
