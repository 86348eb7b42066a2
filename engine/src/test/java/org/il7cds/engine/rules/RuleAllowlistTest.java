package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.List;
import org.il7cds.engine.dosing.DoseAmount;
import org.il7cds.engine.eligibility.Criterion;
import org.junit.jupiter.api.Test;

/** The allowlist names real classes, and allows methods for the type they are called on only. */
class RuleAllowlistTest {

    @Test
    void everyAllowlistedNameIsAClassOnTheClasspath() {
        assertThat(RuleAllowlist.everyName()).allSatisfy((name, present) -> assertThat(present).as(name).isTrue());
    }

    @Test
    void factsAreTheEnginesOwnFinalClasses() {
        for (String name : RuleAllowlist.FACTS) {
            Class<?> fact = RuleAllowlist.classOf(name).orElseThrow();
            assertThat(fact.getName()).startsWith("org.il7cds.engine.");
            assertThat(Modifier.isFinal(fact.getModifiers())).as(name + " is final").isTrue();
        }
    }

    @Test
    void aFactsAccessorsAreAllowedButNotWhatItInheritsFromObject() {
        assertThat(RuleAllowlist.methods(Criterion.class, "whole", 1, false)).hasSize(1);
        assertThat(RuleAllowlist.methods(Criterion.class, "toString", 0, false)).hasSize(1);
        for (String inherited : List.of("getClass", "wait", "notify", "notifyAll")) {
            assertThat(RuleAllowlist.methods(Criterion.class, inherited, 0, false)).as(inherited).isEmpty();
        }
    }

    @Test
    void staticsAreAllowedOneByOne() {
        assertThat(RuleAllowlist.methods(DoseAmount.class, "of", 1, true)).hasSize(1);
        assertThat(RuleAllowlist.methods(String.class, "valueOf", 1, true)).isNotEmpty();
        assertThat(RuleAllowlist.methods(BigDecimal.class, "valueOf", 2, true)).as("a chosen scale").isEmpty();
        assertThat(RuleAllowlist.methods(String.class, "repeat", 1, false)).isEmpty();
        assertThat(RuleAllowlist.methods(Runtime.class, "getRuntime", 0, true)).isEmpty();
    }

    @Test
    void decimalsCannotBeAskedForAnyScale() {
        assertThat(RuleAllowlist.methods(BigDecimal.class, "divide", 2, false)).isNotEmpty();
        assertThat(RuleAllowlist.methods(BigDecimal.class, "divide", 3, false)).isEmpty();
        for (String growing : List.of("setScale", "pow", "scaleByPowerOfTen", "movePointLeft", "movePointRight")) {
            assertThat(RuleAllowlist.methods(BigDecimal.class, growing, 1, false)).as(growing).isEmpty();
        }
    }
}
