package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** The one YAML reader of rules files is strict where YAML 1.1 surprises. */
class SafeYamlTest {

    private static Map<?, ?> load(String text) {
        return (Map<?, ?>) SafeYaml.create().load(text);
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertThatThrownBy(() -> load("a: 1\na: 2\n")).isInstanceOf(MarkedYAMLException.class)
                .hasMessageContaining("duplicate key a");
    }

    @Test
    void aKeyThatIsNotTextIsAnErrorWithItsLine() {
        for (String text : List.of("x: 1\n2: two\n", "x: 1\ntrue: yes\n", "x: 1\n? [a]\n: list\n")) {
            List<RuleProblem> problems = new ArrayList<>();
            assertThat(ProtocolFileParser.load("f.yaml", text, problems)).as(text).isNull();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message()).contains("a key that is not text");
            });
        }
        assertThat(load("\"2\": two\n").get("2")).isEqualTo("two");
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        Map<?, ?> m = load("a: true\nb: False\nc: yes\nd: no\ne: on\nf: y\n");
        assertThat(m.get("a")).isEqualTo(true);
        assertThat(m.get("b")).isEqualTo(false);
        assertThat(List.of(m.get("c"), m.get("d"), m.get("e"), m.get("f"))).containsExactly("yes", "no", "on", "y");
    }

    @Test
    void numbersArePlainDecimalsAndDecimalsAreExact() {
        Map<?, ?> m = load("a: 13.2\nb: 0.40\nc: 250\nd: -3\ne: 012\nf: 1e3\ng: 1_000\nh: 1:30\ni: .inf\nj: 0x1F\n"
                + "k: 2026-11-19\n");
        assertThat(m.get("a")).isEqualTo(new BigDecimal("13.2"));
        assertThat(m.get("b")).isEqualTo(new BigDecimal("0.40"));
        assertThat(m.get("c")).isEqualTo(250);
        assertThat(m.get("d")).isEqualTo(-3);
        assertThat(List.of(m.get("e"), m.get("f"), m.get("g"), m.get("h"), m.get("i"), m.get("j"), m.get("k")))
                .containsExactly("012", "1e3", "1_000", "1:30", ".inf", "0x1F", "2026-11-19");
    }

    @Test
    void theOneNumberRule() {
        assertThat(SafeYaml.number(350)).isEqualTo(new BigDecimal("350"));
        assertThat(SafeYaml.number(new BigDecimal("0.01"))).isEqualTo(new BigDecimal("0.01"));
        assertThat(SafeYaml.number(" 42.5 ")).isEqualTo(new BigDecimal("42.5"));
        assertThat(SafeYaml.number("1e999999999")).isNull();
        assertThat(SafeYaml.number("1234567890123")).isNull();
        assertThat(SafeYaml.number(1.5d)).isNull();
        assertThat(SafeYaml.number(true)).isNull();
        assertThat(SafeYaml.number(null)).isNull();
    }
}
