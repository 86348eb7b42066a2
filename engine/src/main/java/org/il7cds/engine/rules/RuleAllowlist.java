package org.il7cds.engine.rules;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a rule may name: the vocabulary {@link RuleSandbox} allows, derived from what the packaged rules
 * ({@code rules/protocols/}) use. Everything not listed here is refused.
 *
 * <ul>
 * <li>the engine's fact types (matched in patterns, inserted by the dosing rules) and their accessors: every public
 * method the fact class itself declares;</li>
 * <li>the findings and decision API (the globals {@code findings} and {@code decisions});</li>
 * <li>the engine's enums and the override record;</li>
 * <li>a few pure JDK operations, method by method: arithmetic on {@code BigDecimal}, comparison, {@code LocalDate}
 * arithmetic, string building, and reading (never changing) collections.</li>
 * </ul>
 *
 * <p>Types are listed by name and loaded when first used: the engine's fact types live in packages (eligibility,
 * dosing) that depend on this one, and naming them keeps the package graph acyclic. RuleAllowlistTest checks that
 * every name resolves.
 */
final class RuleAllowlist {

    private static final String ELIGIBILITY = "org.il7cds.engine.eligibility.";
    private static final String DOSING = "org.il7cds.engine.dosing.";
    private static final String LABS = "org.il7cds.engine.labs.";
    private static final String COURSE = "org.il7cds.engine.course.";

    /** Facts a rule may match without {@code from} and insert: what the engines insert and what dosing rules derive. */
    static final List<String> FACTS = List.of(ELIGIBILITY + "Criterion", ELIGIBILITY + "Lab", ELIGIBILITY + "Person",
            ELIGIBILITY + "Art", ELIGIBILITY + "History", ELIGIBILITY + "AsOf", ELIGIBILITY + "Measurement",
            ELIGIBILITY + "Cycles", DOSING + "DosingProtocol", DOSING + "DoseOrder", DOSING + "EligibilityGate",
            DOSING + "DoseAmount", DOSING + "DoseVolume", COURSE + "MonitoringProtocol", COURSE + "Treatment");

    /** Types a global may have: where rules record their decisions. */
    static final List<String> GLOBALS = List.of(ELIGIBILITY + "Findings", DOSING + "DosingDecisions",
            COURSE + "MonitoringDecisions");

    /** Engine values a rule may name: the enums of its facts, and the override a dosing rule reads. */
    static final List<String> ENGINE_VALUES = List.of(LABS + "LabKind", LABS + "Comparator", LABS + "Qualitative",
            ELIGIBILITY + "Sex", ELIGIBILITY + "Verdict", ELIGIBILITY + "Malignancy", DOSING + "OverrideReason",
            DOSING + "EligibilityOverride");

    /** JDK types a DRL file may import. */
    static final List<String> JDK_IMPORTS = List.of("java.math.BigDecimal", "java.math.RoundingMode",
            "java.time.LocalDate", "java.time.DayOfWeek", "java.time.temporal.ChronoUnit", "java.util.List",
            "java.util.Set", "java.util.Collection");

    /** java.lang types a rule may name without an import (Drools imports java.lang.* into every file). */
    static final List<String> JAVA_LANG = List.of("java.lang.String", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Boolean", "java.lang.Number", "java.lang.Math", "java.lang.Object");

    /** The only static methods of engine types a rule may call (enum {@code valueOf(String)} apart). */
    private static final Map<String, Set<String>> ENGINE_STATICS = Map.of(DOSING + "DoseAmount", Set.of("of"));

    /** Allowed instance methods of JDK and KIE types, method by method; a class's supertypes are consulted too. */
    private static final Map<String, Set<String>> INSTANCE_METHODS = Map.ofEntries(
            Map.entry("java.lang.Object", Set.of("toString", "equals", "hashCode")),
            Map.entry("java.lang.Enum", Set.of("name", "ordinal", "compareTo")),
            Map.entry("java.lang.String", Set.of("length", "isEmpty", "isBlank", "equalsIgnoreCase", "contains",
                    "startsWith", "endsWith", "indexOf", "lastIndexOf", "substring", "toUpperCase", "toLowerCase",
                    "trim", "strip", "compareTo", "compareToIgnoreCase", "charAt")),
            Map.entry("java.lang.Number", Set.of("intValue", "longValue", "doubleValue")),
            Map.entry("java.lang.Integer", Set.of("compareTo")),
            Map.entry("java.lang.Long", Set.of("compareTo")),
            Map.entry("java.lang.Double", Set.of("compareTo")),
            Map.entry("java.lang.Boolean", Set.of("booleanValue", "compareTo")),
            // No pow, setScale, scaleByPowerOfTen or movePoint*: each can build a number of any size from a small one.
            Map.entry("java.math.BigDecimal", Set.of("add", "subtract", "multiply", "divide", "negate", "abs",
                    "signum", "compareTo", "min", "max", "toPlainString", "stripTrailingZeros", "scale", "precision")),
            Map.entry("java.time.LocalDate", Set.of("getYear", "getMonthValue", "getDayOfMonth", "getDayOfWeek",
                    "plusDays", "minusDays", "plusWeeks", "minusWeeks", "plusMonths", "minusMonths", "plusYears",
                    "minusYears", "isBefore", "isAfter", "isEqual", "compareTo", "lengthOfMonth", "isLeapYear")),
            Map.entry("java.time.DayOfWeek", Set.of("getValue")),
            Map.entry("java.time.temporal.ChronoUnit", Set.of("between")),
            // Reading only: no add, remove, clear or put (facts are shared by every rule of a session).
            Map.entry("java.util.Collection", Set.of("size", "isEmpty", "contains", "containsAll")),
            Map.entry("java.util.List", Set.of("get", "indexOf")),
            Map.entry("java.util.Map", Set.of("size", "isEmpty", "containsKey", "get")));

    /** Allowed static methods of JDK types. */
    private static final Map<String, Set<String>> STATIC_METHODS = Map.of(
            "java.lang.String", Set.of("valueOf", "format"),
            "java.lang.Integer", Set.of("valueOf", "compare", "min", "max"),
            "java.lang.Long", Set.of("valueOf", "compare", "min", "max"),
            "java.lang.Double", Set.of("compare"),
            "java.lang.Math", Set.of("abs", "min", "max"),
            "java.math.BigDecimal", Set.of("valueOf"),
            "java.time.LocalDate", Set.of("of"));

    /** Allowed static constants that are not enum constants. */
    private static final Map<String, Set<String>> STATIC_FIELDS = Map.of(
            "java.math.BigDecimal", Set.of("ZERO", "ONE", "TEN"));

    /**
     * BigDecimal methods whose arity is capped: {@code divide(x, scale, mode)} and {@code valueOf(unscaled, scale)}
     * can ask for a number with any scale; with at most two (one) arguments the scale is the operands'.
     */
    private static final Map<String, Integer> MAX_ARITY = Map.of("divide", 2, "valueOf", 1);

    private static final Map<String, Optional<Class<?>>> LOADED = new java.util.concurrent.ConcurrentHashMap<>();
    /** Allowed methods by owner, name, arity and staticness: the sandbox asks the same questions for every rule. */
    private static final Map<List<Object>, List<Method>> METHODS = new java.util.concurrent.ConcurrentHashMap<>();

    private RuleAllowlist() {
    }

    /** Types a DRL file may import, by fully-qualified name. */
    static Set<String> importable() {
        return Stream.of(FACTS, GLOBALS, ENGINE_VALUES, JDK_IMPORTS).flatMap(List::stream).collect(Collectors.toSet());
    }

    /** The simple names every file may use without an import. */
    static Map<String, Class<?>> implicitNames() {
        Map<String, Class<?>> names = new HashMap<>();
        JAVA_LANG.forEach(n -> names.put(simpleName(n), load(n)));
        return names;
    }

    static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    static boolean isFact(Class<?> type) {
        return type != null && FACTS.contains(type.getName());
    }

    static boolean isGlobal(Class<?> type) {
        return type != null && GLOBALS.contains(type.getName());
    }

    /** Whether a value of this type may appear in a rule at all (a type a rule can name or reach through an accessor). */
    static boolean isReachable(Class<?> type) {
        if (type.isPrimitive()) {
            return true;
        }
        if (type.isArray()) {
            return false;
        }
        String name = type.getName();
        return FACTS.contains(name) || GLOBALS.contains(name) || ENGINE_VALUES.contains(name)
                || JDK_IMPORTS.contains(name) || JAVA_LANG.contains(name)
                || name.equals("java.util.Map");
    }

    /** The class of an allowlisted name, loaded without initialising it; empty if absent from the classpath. */
    static Optional<Class<?>> classOf(String qualified) {
        return LOADED.computeIfAbsent(qualified, n -> {
            try {
                return Optional.of(Class.forName(n, false, RuleAllowlist.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static Class<?> load(String qualified) {
        return classOf(qualified).orElseThrow(() -> new IllegalStateException("allowlisted type missing: " + qualified));
    }

    private static boolean isEngineType(Class<?> type) {
        return type.getName().startsWith("org.il7cds.engine.");
    }

    /**
     * The methods a rule may call by this name with this many arguments on a value ({@code statics} false) or on
     * the type itself ({@code statics} true). Empty when none is allowed.
     */
    static List<Method> methods(Class<?> owner, String name, int arity, boolean statics) {
        return METHODS.computeIfAbsent(List.of(owner, name, arity, statics), k -> find(owner, name, arity, statics));
    }

    private static List<Method> find(Class<?> owner, String name, int arity, boolean statics) {
        if (owner.isPrimitive() || !isReachable(owner) || arity > MAX_ARITY.getOrDefault(name, Integer.MAX_VALUE)) {
            return List.of();
        }
        Stream<Method> candidates = Arrays.stream(owner.getMethods());
        if (owner.isInterface()) {
            candidates = Stream.concat(candidates, Arrays.stream(Object.class.getMethods()));
        }
        return candidates
                .filter(m -> m.getName().equals(name) && takes(m, arity)
                        && Modifier.isStatic(m.getModifiers()) == statics && allows(owner, m))
                .toList();
    }

    /** Whether a call with this many arguments can be a call of m (String.format takes any number after the format). */
    private static boolean takes(Method m, int arity) {
        return m.isVarArgs() ? arity >= m.getParameterCount() - 1 : arity == m.getParameterCount();
    }

    private static boolean allows(Class<?> owner, Method m) {
        if (Modifier.isStatic(m.getModifiers())) {
            if (isEngineType(owner)) {
                return ENGINE_STATICS.getOrDefault(owner.getName(), Set.of()).contains(m.getName())
                        || owner.isEnum() && m.getName().equals("valueOf") && m.getParameterCount() == 1;
            }
            return STATIC_METHODS.getOrDefault(owner.getName(), Set.of()).contains(m.getName());
        }
        if (isEngineType(owner) && m.getDeclaringClass() == owner) {
            return returnsReachable(m);
        }
        for (Class<?> c : supertypes(owner)) {
            if (INSTANCE_METHODS.getOrDefault(c.getName(), Set.of()).contains(m.getName())) {
                return returnsReachable(m);
            }
        }
        return false;
    }

    /**
     * Parameters need no check (every argument is itself a checked expression, so a value a rule may hold); the
     * result must be a value a rule may hold, so that nothing outside the vocabulary is ever reached.
     */
    private static boolean returnsReachable(Method m) {
        return m.getReturnType() == void.class || isReachable(m.getReturnType());
    }

    /** The class, its superclasses and every interface it implements, nearest first. */
    private static Set<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> all = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (all.add(c)) {
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                todo.addAll(List.of(c.getInterfaces()));
            }
        }
        all.add(Object.class);
        return all;
    }

    /** A static constant a rule may read: an enum constant of an allowlisted enum, or a listed constant. */
    static boolean allowsStaticField(Class<?> owner, String field) {
        if (owner.isEnum()) {
            return Arrays.stream(owner.getEnumConstants()).map(e -> ((Enum<?>) e).name()).anyMatch(field::equals);
        }
        return STATIC_FIELDS.getOrDefault(owner.getName(), Set.of()).contains(field);
    }

    /** Every allowlisted name, for the test that checks each resolves. */
    static Map<String, Boolean> everyName() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        Stream.of(FACTS, GLOBALS, ENGINE_VALUES, JDK_IMPORTS, JAVA_LANG).flatMap(List::stream)
                .forEach(n -> all.put(n, classOf(n).isPresent()));
        return all;
    }
}
