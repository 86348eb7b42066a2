package org.il7cds.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates hostile JSON bodies from a seed (java.util.Random, so a failure is reproducible): deep nesting, huge
 * and tiny numbers, wrong types, odd unicode, long strings, duplicated keys, truncation and byte-level mutation of
 * otherwise valid bodies.
 */
public final class HostileJson {

    private static final String[] STRANGE = {"", " ", "\u0000", "\\u0000", "\ud83d\ude00", "\u202e", "\u200b", "é",
        "\\ud800", "null", "true", "NaN", "Infinity", "-0", "<script>", "../../etc/passwd", "' OR 1=1 --", "%s%n",
        "cells/µL", "IU/mL", "log10 copies/mL", "not detected", "NOT_DETECTED", "9999-99-99", "2026-02-30", "2026-11-19",
        "1e309", "ｃｅｌｌｓ/uL"};
    private static final String[] NUMBERS = {"0", "-0", "-1", "-5", "1e308", "1e309", "-1e309", "1e-400", "1E+999999999",
        "1e-999999999", "0.000000000000000000001", "123456789012345678901234567890", "2147483648", "-2147483649",
        "9223372036854775808", "3.5", "1.0", "99", "401", "1000000000000"};
    private static final String[] FIELDS = {"pseudonymId", "birthDate", "ageYears", "sex", "pregnant", "breastfeeding",
        "cd4Counts", "cd4Percents", "hivRna", "neutrophils", "haemoglobin", "platelets", "creatinine", "art",
        "priorInterleukinTherapy", "malignancyHistory", "activeOpportunisticInfection"};

    private static final String[] CALENDAR_FIELDS = {"protocolId", "doseLevelUgPerKg", "weightKg", "weightMeasuredOn",
        "firstInjectionDate", "clinicDays", "closures", "concentrationUgPerMl", "maxVolumePerSiteMl",
        "syringeGraduationMl", "candidate", "override"};

    private static final String INSERTS = "{}[],:\"\\0-e.";

    private final Random random;

    public HostileJson(long seed) {
        this.random = new Random(seed);
    }

    public String assessmentBody() {
        return switch (random.nextInt(9)) {
            case 0 -> nested(1 + random.nextInt(5000));
            case 1 -> "{\"candidate\":{\"pseudonymId\":\"A\",\"cd4Counts\":[{\"value\":" + pick(NUMBERS)
                    + ",\"unit\":\"cells/uL\",\"sampleDate\":\"2026-11-19\"}]}}";
            case 2 -> "{\"candidate\":" + Bodies.toJson(replaceField(Bodies.eligibleCandidate())) + "}";
            case 3 -> "{\"candidate\":{\"pseudonymId\":" + quote(longString()) + "}}";
            case 4 -> "{\"candidate\":{\"pseudonymId\":\"A\",\"" + pick(FIELDS) + "\":1,\"" + pick(FIELDS) + "\":2}}";
            case 5 -> mutate(Bodies.toJson(Bodies.assessment(Bodies.eligibleCandidate())));
            case 6 -> randomValue(4);
            case 7 -> "{\"candidate\":{\"pseudonymId\":\"A\",\"hivRna\":[{\"value\":" + pick(NUMBERS) + ",\"comparator\":"
                    + quote(pick(STRANGE)) + ",\"unit\":" + quote(pick(STRANGE)) + ",\"sampleDate\":" + quote(pick(STRANGE))
                    + "}]}}";
            default -> "{\"protocolId\":" + randomValue(2) + ",\"asOf\":" + randomValue(1) + ",\"candidate\":"
                    + randomValue(3) + "}";
        };
    }

    public String batchBody() {
        return switch (random.nextInt(5)) {
            case 0 -> "{\"candidates\":" + nested(1 + random.nextInt(3000)) + "}";
            case 1 -> {
                List<Object> cs = new ArrayList<>();
                int n = 1 + random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    cs.add(random.nextBoolean() ? replaceField(Bodies.eligibleCandidate("C" + i)) : Bodies.eligibleCandidate());
                }
                yield Bodies.toJson(Map.of("candidates", cs));
            }
            case 2 -> mutate(Bodies.toJson(Map.of("candidates", List.of(Bodies.eligibleCandidate(), Bodies.eligibleCandidate()))));
            case 3 -> "{\"candidates\":[" + randomValue(3) + "," + randomValue(3) + "]}";
            default -> randomValue(4);
        };
    }

    /** A hostile dosing-calendar body: the generic attacks plus a valid request with one field replaced. */
    public String calendarBody() {
        return switch (random.nextInt(6)) {
            case 0 -> {
                Map<String, Object> body = Bodies.calendarRequest(random.nextBoolean() ? Bodies.eligibleCandidate()
                        : replaceField(Bodies.eligibleCandidate()));
                String field = pick(CALENDAR_FIELDS);
                body.put(field, random.nextBoolean() ? null : random.nextBoolean() ? pick(STRANGE) : List.of(longString()));
                yield Bodies.toJson(body);
            }
            case 1 -> mutate(Bodies.toJson(Bodies.calendarRequest(Bodies.eligibleCandidate())));
            case 2 -> "{\"doseLevelUgPerKg\":" + pick(NUMBERS) + ",\"weightKg\":" + pick(NUMBERS)
                    + ",\"weightMeasuredOn\":\"2026-11-24\",\"firstInjectionDate\":" + quote(pick(STRANGE))
                    + ",\"concentrationUgPerMl\":" + pick(NUMBERS) + ",\"syringeGraduationMl\":" + pick(NUMBERS)
                    + ",\"candidate\":" + Bodies.toJson(Bodies.eligibleCandidate()) + "}";
            default -> anyBody();
        };
    }

    /**
     * Any hostile JSON, for any operation: deep nesting, huge numbers, wrong types, odd unicode (lone surrogates
     * escaped and raw), very long strings, duplicated keys, nulls, mutations.
     */
    public String anyBody() {
        return switch (random.nextInt(10)) {
            case 0 -> nested(1 + random.nextInt(5000));
            case 1 -> randomValue(5);
            case 2 -> "{" + quote(pick(FIELDS)) + ":" + randomValue(2) + "," + quote(pick(FIELDS)) + ":" + randomValue(2)
                    + "," + quote(pick(FIELDS)) + ":null}";
            case 3 -> "{\"a\":" + pick(NUMBERS) + ",\"a\":" + pick(NUMBERS) + "}";
            case 4 -> "{\"candidate\":{\"pseudonymId\":\"\\ud800\",\"sex\":\"\\udfff\\ud800\",\"art\":{\"currentDrugs\":[\""
                    + "\ud800" + "x\\udc00\"]}}}";
            case 5 -> "{\"candidates\":[" + randomValue(3) + "],\"protocolId\":" + quote(longString()) + "}";
            case 6 -> "[" + "null,".repeat(random.nextInt(50_000)) + "null]";
            case 7 -> "{\"x\":" + "9".repeat(1 + random.nextInt(20_000)) + "}";
            case 8 -> mutate(randomValue(4));
            default -> assessmentBody();
        };
    }

    /** The body as bytes; now and then with invalid UTF-8 (a raw surrogate, an overlong or a stray byte) spliced in. */
    public byte[] bytes(String body) {
        byte[] utf8 = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (random.nextInt(8) != 0 || utf8.length == 0) {
            return utf8;
        }
        byte[][] bad = {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        byte[] insert = bad[random.nextInt(bad.length)];
        int at = random.nextInt(utf8.length);
        byte[] out = new byte[utf8.length + insert.length];
        System.arraycopy(utf8, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(utf8, at, out, at + insert.length, utf8.length - at);
        return out;
    }

    /** A hostile Authorization header value (printable: what an HTTP client lets through). */
    public String authorization() {
        return switch (random.nextInt(7)) {
            case 0 -> "ApiKey " + "k".repeat(1 + random.nextInt(6000));
            case 1 -> "ApiKey il7_" + Long.toHexString(random.nextLong());
            case 2 -> "Bearer " + "e".repeat(random.nextInt(3000)) + "." + "f".repeat(random.nextInt(300)) + ".g";
            case 3 -> "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJwaGFybWFjaXN0Il19.";
            case 4 -> "Basic dXNlcjpwYXNzd29yZA==";
            case 5 -> "ApiKey   ";
            default -> "Digest " + quote(pick(STRANGE)).replaceAll("[^\\x20-\\x7e]", "?");
        };
    }

    private Map<String, Object> replaceField(Map<String, Object> candidate) {
        String field = pick(FIELDS);
        Object value = switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> pick(STRANGE);
            case 2 -> random.nextInt();
            case 3 -> random.nextBoolean();
            case 4 -> List.of(pick(STRANGE), random.nextDouble());
            case 5 -> Map.of(pick(FIELDS), pick(STRANGE));
            default -> longString();
        };
        candidate.put(field, value);
        return candidate;
    }

    private String nested(int depth) {
        boolean arrays = random.nextBoolean();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "[" : "{\"candidate\":");
        }
        sb.append("1");
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "]" : "}");
        }
        return sb.toString();
    }

    private String longString() {
        int n = random.nextInt(4) == 0 ? 200_000 + random.nextInt(900_000) : 65 + random.nextInt(5000);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(10) == 0 ? (char) (0x80 + random.nextInt(0xD000)) : (char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private String mutate(String json) {
        StringBuilder sb = new StringBuilder(json);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !sb.isEmpty(); i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, INSERTS.charAt(random.nextInt(INSERTS.length())));
                case 2 -> sb.setLength(at);
                default -> sb.setCharAt(at, (char) random.nextInt(0x3000));
            }
        }
        return sb.toString();
    }

    private String randomValue(int depth) {
        int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> pick(NUMBERS);
            case 3 -> quote(pick(STRANGE));
            case 4 -> quote(pick(FIELDS));
            case 5 -> {
                StringBuilder sb = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(randomValue(depth - 1));
                }
                yield sb.append(']').toString();
            }
            default -> {
                StringBuilder sb = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    String key = random.nextInt(3) == 0 ? pick(STRANGE) : pick(FIELDS);
                    sb.append(i > 0 ? "," : "").append(quote(key)).append(':').append(randomValue(depth - 1));
                }
                yield sb.append('}').toString();
            }
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\' && !s.startsWith("\\u")) {
                sb.append('\\');
            }
            if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    public static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "... (" + body.length() + " chars)";
    }
}
