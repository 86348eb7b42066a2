package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.Map;
import org.il7cds.engine.fixtures.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link DosingDefinition}: the packaged dosing section reads back; a broken one fails the load. */
class DosingDefinitionTest {

    private static final String PROTOCOL = "protocols/levy-2009/protocol.yaml";

    @Test
    void thePackagedLevyDosingSectionReadsBack() {
        DosingDefinition d = Engines.packagedRules().protocol("levy-2009").orElseThrow().definition().dosing()
                .orElseThrow();
        assertThat(d.doseLevelsUgPerKg()).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("3"), new BigDecimal("10"));
        assertThat(d.whole("doses")).isEqualTo(8);
        assertThat(d.whole("lastCourseDay")).isEqualTo(16);
        assertThat(d.whole("maxDosesPerIsoWeek")).isEqualTo(3);
        assertThat(d.defaultClinicDays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(d.roundingMode("doseRoundingMode")).isEqualTo(RoundingMode.HALF_UP);
        assertThat(d.parameter("doseLevels").assumption()).isFalse();
        assertThat(d.parameter("clinicDays").assumption()).isTrue();
        assertThat(d.visits()).extracting(DosingDefinition.VisitDefinition::day)
                .containsExactly(0, 14, 28, 56, 84, 168, 336);
        assertThat(d.parameters().values()).allSatisfy(p -> assertThat(p.source()).isNotBlank());
    }

    /** Each row breaks one value of the packaged protocol file; the load must fail and say where. */
    @ParameterizedTest(name = "[{index}] {arguments}")
    @CsvSource(useHeadersInDisplayName = true, delimiter = '|', textBlock = """
        REPLACE                  | WITH                       | PROBLEM
        'value: [3, 10]'         | 'value: [3, ten]'          | dosing.parameters.doseLevels must be a list of positive numbers
        'value: HALF_UP'         | 'value: HALF_SIDEWAYS'     | dosing.parameters.doseRoundingMode must be one of
        'value: [MONDAY, WEDNESDAY, FRIDAY]' | 'value: [MON]'  | dosing.parameters.clinicDays must be a list of days
        'value: 8'               | 'value: 0'                 | dosing.parameters.doses must be at least 1
        'labs: [CD4_COUNT, HIV_RNA]' | 'labs: [CD4]'          | dosing.visits[0].labs: 'CD4' is not one of
        """)
    void aBrokenDosingSectionFailsTheLoad(String replace, String with, String problem) {
        Map<String, String> files = new LinkedHashMap<>();
        Engines.packagedRules().bundle().files()
                .forEach((path, bytes) -> files.put(path, new String(bytes, StandardCharsets.UTF_8)));
        String text = files.get(PROTOCOL);
        assertThat(text).contains(replace);
        files.put(PROTOCOL, text.replaceFirst(java.util.regex.Pattern.quote(replace), with));

        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleBundle.of(files, "test")))
                .isInstanceOf(RulesLoadException.class).hasMessageContaining(PROTOCOL).hasMessageContaining(problem);
    }
}
