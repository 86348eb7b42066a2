package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** renderedThreshold() scans without a regex (it runs for every criterion of every assessment): same output. */
class RenderedThresholdTest {

    private static final Map<String, Parameter> PARAMETERS = Map.of(
            "min", new Parameter("min", new BigDecimal("100"), null, "cells/uL", "s", false),
            "max", new Parameter("max", new BigDecimal("400.0"), null, "cells/uL", "s", false),
            "maxAgeDays", new Parameter("maxAgeDays", new BigDecimal("42"), null, "days", "s", true),
            "a.b-c_1", new Parameter("a.b-c_1", new BigDecimal("1E+1"), null, null, "s", true),
            "allowed", new Parameter("allowed", null, List.of("kaposi_sarcoma", "basal_cell_carcinoma"), null, "s", true));

    /** The implementation before: PLACEHOLDER.matcher with appendReplacement. */
    private static String regex(String threshold) {
        Matcher m = Pattern.compile("\\{([A-Za-z0-9_.-]+)}").matcher(threshold);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Parameter p = PARAMETERS.get(m.group(1));
            String value = p == null ? m.group() : (p.isNumber() ? p.number().toPlainString() : p.display());
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String rendered(String threshold) {
        return new CriterionDefinition("x", "x", CriterionType.INCLUSION, "s", false, null, null, threshold, null, PARAMETERS)
                .renderedThreshold();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{min}–{max}, drawn within {maxAgeDays} days", "≥ {min}", "no placeholder", "",
            "{unknown} and {min}", "{}", "{min", "min}", "{{min}}", "{min}}", "{ min}", "{a.b-c_1}", "{allowed}",
            "$1 {min} \\ {max}", "{min}{max}", "{", "}", "{mi n}", "x{max"})
    void sameAsTheRegex(String threshold) {
        assertThat(rendered(threshold)).isEqualTo(regex(threshold));
    }

    @Test
    void sameAsTheRegexOnRandomTemplates() {
        String alphabet = "{}{}mina xAgeDys.-_1$\\–≥";
        String[] words = {"{min}", "{max}", "{maxAgeDays}", "{allowed}", "{a.b-c_1}", "{nope}"};
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                if (random.nextInt(3) == 0) {
                    t.append(words[random.nextInt(words.length)]);
                } else {
                    t.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            assertThat(rendered(t.toString())).as(t.toString()).isEqualTo(regex(t.toString()));
        }
    }

    @Test
    void nullStaysNull() {
        assertThat(rendered(null)).isNull();
    }
}
