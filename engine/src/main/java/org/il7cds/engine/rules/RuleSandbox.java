package org.il7cds.engine.rules;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

/**
 * Rules are knowledge, not code: the check every DRL file of a bundle passes before Drools compiles anything
 * ({@link RuleSetCompiler#compile} runs it first, for uploaded, directory and packaged bundles alike). A file is read
 * with Drools' own DRL parser, the parser the compiler uses, and each condition and action with the Java parser of
 * Drools' executable model ({@link RuleCodeChecker}); what a rule may name is {@link RuleAllowlist}. Everything else is
 * refused, with the file, the line and a plain message:
 *
 * <ul>
 * <li>imports outside the allowlist, fully-qualified names, unicode escapes (Java reads them even in comments);</li>
 * <li>functions, type declarations ({@code declare}), rule units, entry points, windows, timers, dynamic attributes,
 * the MVEL dialect, annotations whose value is not a plain string;</li>
 * <li>in conditions and actions: any type, method or name outside the allowlist, {@code new}, loops,
 * {@code synchronized}, try/throw, {@code drools.*} and {@code kcontext}, modify, update, delete;</li>
 * <li>what could make a rule set grow without end: a rule matching two facts of one kind (comparisons two by two),
 * rules whose inserted facts make them fire again (directly or through other rules), more than a few
 * multiplications per rule, a value computed from another value of the same action.</li>
 * </ul>
 */
public final class RuleSandbox {

    /** Packages of rules files: rules compile into classes of their package, never into the engine's packages. */
    private static final Pattern PACKAGE = Pattern.compile("il7cds(\\.[a-z][a-z0-9_]*)+");
    /** Names of rules and groups are plain text: they become string literals in the generated Java. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[^\"\\\\\\p{Cntrl}]*");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,6}");
    /** Rule attributes that are plain knowledge (order, grouping); the others are code or timers. */
    private static final Set<String> FLAG_ATTRIBUTES = Set.of("no-loop", "lock-on-active");
    private static final Set<String> GROUP_ATTRIBUTES = Set.of("activation-group", "agenda-group");
    /** Drools' built-in accumulate functions a rule may use, and the type of their result. */
    private static final Map<String, Class<?>> ACCUMULATE_FUNCTIONS = Map.of("count", Long.class, "sum", Number.class,
            "average", Number.class, "min", Object.class, "max", Object.class, "collectList", List.class,
            "collectSet", Set.class);

    private static final int MAX_PER_FILE = 100;
    private static final int MAX_MESSAGE = 1000;
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class, "double",
            double.class, "boolean", boolean.class);

    private RuleSandbox() {
    }

    /** One rule's share of what feeds what: the facts it matches and those it inserts. */
    private record Flow(String file, int line, String rule, Set<Class<?>> matched, Set<Class<?>> inserted) {
        Flow {
            matched = Set.copyOf(matched);
            inserted = Set.copyOf(inserted);
        }
    }

    /** Every refusal in the bundle's DRL files; empty when every file keeps to the allowlist. */
    public static List<RuleProblem> check(RuleBundle bundle) {
        return check(bundle, Map.of());
    }

    /**
     * As {@link #check(RuleBundle)}, also checking DRL the engine generated for the bundle ({@link LabCriteriaRules}),
     * by the path it is reported under ("protocols/levy-2009/protocol.yaml (generated lab rules)"): generated rules
     * get no other trust than hand-written ones.
     */
    public static List<RuleProblem> check(RuleBundle bundle, Map<String, String> generated) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, List<Flow>> flowsByFolder = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        bundle.files().keySet().stream().filter(p -> p.endsWith(".drl")).forEach(p -> files.put(p, bundle.text(p)));
        files.putAll(generated);
        for (Map.Entry<String, String> f : files.entrySet()) {
            String path = f.getKey();
            String folder = path.substring(0, path.lastIndexOf('/') + 1);
            FileCheck checked = CHECKED.get(new FileText(path, f.getValue()), RuleSandbox::checkFile);
            flowsByFolder.computeIfAbsent(folder, x -> new ArrayList<>()).addAll(checked.flows());
            report(path, checked.refused(), problems);
        }
        // One knowledge base per protocol folder: rules of different files of a folder can feed each other.
        flowsByFolder.values().forEach(flows -> feedback(flows, problems));
        return problems;
    }

    /** A file's refusals, at most {@value #MAX_PER_FILE} of them (then how many more), each message of bounded length. */
    private static void report(String file, List<RuleProblem> refused, List<RuleProblem> problems) {
        refused.stream().limit(MAX_PER_FILE).map(p -> p.message().length() <= MAX_MESSAGE ? p
                : RuleProblem.error(p.file(), p.line(), p.message().substring(0, MAX_MESSAGE - 3) + "..."))
                .forEach(problems::add);
        if (refused.size() > MAX_PER_FILE) {
            problems.add(RuleProblem.error(file, 0, "and " + (refused.size() - MAX_PER_FILE) + " more refusals in this"
                    + " file"));
        }
    }

    /** A file by its path (which its refusals name) and its whole text. */
    private record FileText(String path, String text) {
    }

    /** A file's refusals and its rules' flows: what checking it found, which depends on its path and text only. */
    private record FileCheck(List<RuleProblem> refused, List<Flow> flows) {
    }

    /** Checks of the files seen lately (an activation re-checks only the files it changed). */
    private static final ContentCache<FileText, FileCheck> CHECKED = new ContentCache<>(512);

    private static FileCheck checkFile(FileText f) {
        List<RuleProblem> refused = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        checkFile(f.path(), f.text(), refused, flows);
        return new FileCheck(List.copyOf(refused), List.copyOf(flows));
    }

    private static void checkFile(String file, String text, List<RuleProblem> problems, List<Flow> flows) {
        if (unicodeEscapes(file, text, problems)) {
            return;
        }
        DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            problems.add(RuleProblem.error(file, 0, "cannot be read: " + e.getMessage()));
            return;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError e : parser.getErrors()) {
                int line = e instanceof ParserError p ? p.getRow() : 0;
                problems.add(RuleProblem.error(file, Math.max(line, 0), e.getMessage()));
            }
            if (!parser.hasErrors()) {
                problems.add(RuleProblem.error(file, 0, "cannot be read as DRL"));
            }
            return;
        }
        Map<String, Class<?>> typeNames = new HashMap<>(RuleAllowlist.implicitNames());
        packageLevel(file, pkg, typeNames, problems);
        Map<String, Class<?>> globals = globals(file, pkg, typeNames, problems);
        String[] lines = text.split("\\R", -1);
        ConstraintParser constraints = new ConstraintParser();
        for (RuleDescr rule : pkg.getRules()) {
            Flow flow = rule(file, rule, lines, constraints, typeNames, globals, problems);
            if (flow != null) {
                flows.add(flow);
            }
        }
    }

    /**
     * Java reads {@code \}{@code uXXXX} escapes before anything else, even in comments and strings: a comment ending in
     * an escaped line break hides code from every reader but the compiler. No rule needs one.
     */
    private static boolean unicodeEscapes(String file, String text, List<RuleProblem> problems) {
        boolean found = false;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("\\u")) {
                problems.add(RuleProblem.error(file, i + 1, "unicode escapes (\\u...) are not allowed: write the"
                        + " character itself"));
                found = true;
            }
        }
        return found;
    }

    private static void packageLevel(String file, PackageDescr pkg, Map<String, Class<?>> typeNames,
            List<RuleProblem> problems) {
        if (pkg.getName() == null || !PACKAGE.matcher(pkg.getName()).matches()) {
            problems.add(RuleProblem.error(file, line(pkg), "the package must be il7cds.<protocol> (lower case),"
                    + " not '" + pkg.getName() + "'"));
        }
        if (pkg.getUnit() != null) {
            problems.add(RuleProblem.error(file, line(pkg.getUnit()), "rule units are not allowed"));
        }
        for (AttributeDescr a : pkg.getAttributes()) {
            attribute(file, a, problems);
        }
        Set<String> importable = RuleAllowlist.importable();
        for (ImportDescr i : pkg.getImports()) {
            String target = i.getTarget();
            if (target.endsWith("*")) {
                problems.add(RuleProblem.error(file, line(i), "wildcard imports (" + target + ") are not allowed:"
                        + " import each allowed type"));
            } else if (!importable.contains(target)) {
                problems.add(RuleProblem.error(file, line(i), "import " + target + " is not allowed: a rule may use"
                        + " only the engine's facts, its findings and decisions, and a few pure Java types"));
            } else {
                RuleAllowlist.classOf(target).ifPresent(c -> typeNames.put(c.getSimpleName(), c));
            }
        }
        pkg.getFunctionImports().forEach(i -> problems.add(RuleProblem.error(file, line(i),
                "importing functions (" + i.getTarget() + ") is not allowed")));
        pkg.getAccumulateImports().forEach(i -> problems.add(RuleProblem.error(file, line(i),
                "importing accumulate functions (" + i.getTarget() + ") is not allowed")));
        pkg.getFunctions().forEach(f -> problems.add(RuleProblem.error(file, line(f), "function " + f.getName()
                + " is not allowed: functions are code; write the logic as conditions, or ask for an engine fact")));
        pkg.getClassAndEnumDeclarationDescrs().forEach(d -> problems.add(RuleProblem.error(file, line(d),
                "declare " + d.getTypeName() + " is not allowed: a rule uses only the engine's facts")));
        pkg.getEntryPointDeclarations().forEach(d -> problems.add(RuleProblem.error(file, line(d),
                "entry point declarations are not allowed")));
        pkg.getWindowDeclarations().forEach(d -> problems.add(RuleProblem.error(file, line(d),
                "window declarations are not allowed")));
    }

    private static Map<String, Class<?>> globals(String file, PackageDescr pkg, Map<String, Class<?>> typeNames,
            List<RuleProblem> problems) {
        Map<String, Class<?>> globals = new HashMap<>();
        for (GlobalDescr g : pkg.getGlobals()) {
            String type = g.getType();
            Class<?> c = type.contains(".") ? RuleAllowlist.GLOBALS.contains(type)
                    ? RuleAllowlist.classOf(type).orElse(null) : null : typeNames.get(type);
            if (RuleCodeChecker.RESERVED.contains(g.getIdentifier())) {
                problems.add(RuleProblem.error(file, line(g), "'" + g.getIdentifier() + "' is a name Drools reserves:"
                        + " choose another"));
            } else if (!RuleAllowlist.isGlobal(c)) {
                problems.add(RuleProblem.error(file, line(g), "global " + type + " " + g.getIdentifier()
                        + " is not allowed: a global is the findings or the dosing decisions ("
                        + String.join(", ", RuleAllowlist.GLOBALS) + ")"));
            } else {
                globals.put(g.getIdentifier(), c);
            }
        }
        return globals;
    }

    private static void attribute(String file, AttributeDescr a, List<RuleProblem> problems) {
        String name = a.getName();
        String value = a.getValue() == null ? "" : a.getValue().trim().replaceAll("^\"|\"$", "");
        boolean allowed = switch (name) {
            case "dialect" -> value.equals("java");
            case "salience" -> WHOLE_NUMBER.matcher(value).matches();
            default -> FLAG_ATTRIBUTES.contains(name) ? value.isEmpty() || value.equals("true")
                    || value.equals("false") : GROUP_ATTRIBUTES.contains(name) && PLAIN_NAME.matcher(value).matches();
        };
        if (!allowed) {
            String why = switch (name) {
                case "dialect" -> "the " + value + " dialect is not allowed: rules are written in the java dialect,"
                        + " which the sandbox checks";
                case "salience" -> "salience must be a whole number (it orders rules; it is not computed)";
                default -> "the attribute " + name + " is not allowed (rules may use salience, no-loop,"
                        + " lock-on-active, activation-group and agenda-group)";
            };
            problems.add(RuleProblem.error(file, line(a), why));
        }
    }

    private static Flow rule(String file, RuleDescr rule, String[] lines, ConstraintParser constraints,
            Map<String, Class<?>> typeNames, Map<String, Class<?>> globals, List<RuleProblem> problems) {
        int line = line(rule);
        String what = (rule.isQuery() ? "query \"" : "rule \"") + rule.getName() + "\"";
        if (!PLAIN_NAME.matcher(rule.getName()).matches()) {
            problems.add(RuleProblem.error(file, line, what + ": a name is plain text (no quotes, backslashes or"
                    + " control characters)"));
        }
        if (rule.getUnit() != null) {
            problems.add(RuleProblem.error(file, line, what + ": rule units are not allowed"));
        }
        rule.getAttributes().values().forEach(a -> attribute(file, a, problems));
        for (AnnotationDescr a : rule.getAnnotations()) {
            annotation(file, line, what, a, problems);
        }
        RuleCodeChecker code = new RuleCodeChecker(file, problems, constraints, typeNames, globals);
        if (rule instanceof QueryDescr q) {
            String[] names = q.getParameters();
            String[] types = q.getParameterTypes();
            for (int i = 0; names != null && i < names.length; i++) {
                Class<?> type = types[i] == null || types[i].contains(".") ? null
                        : PRIMITIVES.getOrDefault(types[i], typeNames.get(types[i]));
                if (type == null) {
                    problems.add(RuleProblem.error(file, line, what + ": parameter " + names[i] + " must have an"
                            + " allowed type"));
                }
                code.bind(names[i], type, line);
            }
        }
        Conditions conditions = new Conditions(file, code, problems);
        conditions.walk(rule.getLhs(), true);
        if (!rule.getNamedConsequences().isEmpty()) {
            problems.add(RuleProblem.error(file, line, what + ": named consequences (then[...], do[...]) are not"
                    + " allowed"));
        }
        if (rule.isQuery()) {
            return new Flow(file, line, rule.getName(), conditions.matched, Set.of());
        }
        if (!(rule.getConsequence() instanceof String consequence)) {
            problems.add(RuleProblem.error(file, line, what + ": its actions cannot be read"));
            return null;
        }
        code.consequence(consequence, consequenceLine(lines, rule, consequence));
        return new Flow(file, line, rule.getName(), conditions.matched, code.inserted());
    }

    /**
     * A rule's metadata ({@code @source("...")}) is a plain string: Drools turns an annotation value into Java code,
     * so anything else would run when the rules load.
     */
    private static void annotation(String file, int line, String what, AnnotationDescr a, List<RuleProblem> problems) {
        if (!a.hasValue()) {
            return;
        }
        boolean plain = a.getValueMap().size() == 1 && a.getValueMap().containsKey("value");
        if (plain) {
            try {
                plain = StaticJavaParser.parseExpression(a.getSingleValueAsString().trim()) instanceof StringLiteralExpr;
            } catch (RuntimeException e) {
                plain = false;
            }
        }
        if (!plain) {
            problems.add(RuleProblem.error(file, line, what + ": @" + a.getName() + " must be a plain string in quotes,"
                    + " such as @source(\"Lévy 2009 abstract\")"));
        }
    }

    /** The line of the first statement after {@code then} (Drools gives the line of {@code then}). */
    private static int consequenceLine(String[] lines, RuleDescr rule, String consequence) {
        int then = Math.max(rule.getConsequenceLine(), 1);
        String first = consequence.strip().lines().findFirst().orElse("").strip();
        String probe = first.substring(0, Math.min(first.length(), 20));
        for (int i = then - 1; i < lines.length && !probe.isEmpty(); i++) {
            if (lines[i].contains(probe)) {
                return i + 1;
            }
        }
        return then;
    }

    /** The conditions of one rule (when ...), pattern by pattern. */
    private static final class Conditions {

        private final String file;
        private final RuleCodeChecker code;
        private final List<RuleProblem> problems;
        /** Fact types matched outside not, exists and forall: what feeds this rule. */
        final Set<Class<?>> matched = new LinkedHashSet<>();

        Conditions(String file, RuleCodeChecker code, List<RuleProblem> problems) {
            this.file = file;
            this.code = code;
            this.problems = problems;
        }

        /** The rule's conditions, from the top. */
        void walk(BaseDescr d, boolean positive) {
            walk(d, positive, new HashSet<>());
        }

        /**
         * @param positive whether a match here feeds the rule (outside not, exists and forall)
         * @param joined the types of the patterns joined together in this scope (the rule's conditions, or the inside
         *        of a not, exists, forall, accumulate or collect): their matches are the combinations of their facts
         */
        private void walk(BaseDescr d, boolean positive, Set<Class<?>> joined) {
            if (d instanceof AndDescr) {
                children(d).forEach(c -> walk(c, positive, joined));
            } else if (d instanceof OrDescr) {
                // Each branch is a rule of its own; what follows the or joins every branch.
                Set<Class<?>> branches = new HashSet<>();
                for (BaseDescr c : children(d)) {
                    Set<Class<?>> branch = new HashSet<>(joined);
                    walk(c, positive, branch);
                    branches.addAll(branch);
                }
                joined.addAll(branches);
            } else if (d instanceof NotDescr || d instanceof ExistsDescr || d instanceof ForallDescr) {
                Set<Class<?>> inside = new HashSet<>();
                children(d).forEach(c -> walk(c, false, inside));
            } else if (d instanceof PatternDescr p) {
                pattern(p, positive, joined);
            } else if (d instanceof EvalDescr e) {
                code.expression(String.valueOf(e.getContent()), line(e));
            } else {
                problems.add(RuleProblem.error(file, line(d), "this kind of condition is not allowed: "
                        + d.getClass().getSimpleName().replace("Descr", "")));
            }
        }

        private static List<BaseDescr> children(BaseDescr d) {
            return d instanceof org.drools.drl.ast.descr.ConditionalElementDescr ce
                    ? ce.getDescrs().stream().map(BaseDescr.class::cast).toList() : List.of();
        }

        private void pattern(PatternDescr p, boolean positive, Set<Class<?>> joined) {
            int line = line(p);
            if (p.isQuery()) {
                problems.add(RuleProblem.error(file, line, "calling a query from a rule is not allowed"));
                return;
            }
            if (!p.getBehaviors().isEmpty() || !p.getAnnotations().isEmpty()) {
                problems.add(RuleProblem.error(file, line, "windows and pattern annotations are not allowed"));
            }
            PatternSourceDescr source = p.getSource();
            Class<?> type = patternType(p, line, source == null);
            if (source instanceof FromDescr from) {
                code.expression(from.getExpression(), line(from, line));
            } else if (source instanceof AccumulateDescr acc) {
                accumulate(acc, line, positive);
            } else if (source instanceof CollectDescr collect) {
                if (type != null && !java.util.Collection.class.isAssignableFrom(type)) {
                    problems.add(RuleProblem.error(file, line, "collect(...) gives a List or a Set, not a "
                            + type.getSimpleName()));
                }
                walk(collect.getInputPattern(), positive, new HashSet<>());
            } else if (source != null) {
                problems.add(RuleProblem.error(file, line, "entry points and windows are not allowed ("
                        + source.getClass().getSimpleName().replace("Descr", "") + ")"));
            }
            if (type == null) {
                return;
            }
            if (source == null && positive) {
                matched.add(type);
            }
            if ((source == null || source instanceof FromDescr) && !joined.add(type)) {
                problems.add(RuleProblem.error(file, line, "a rule may match each kind of fact once: this is a second "
                        + type.getSimpleName() + " (rules comparing facts two by two grow with the square of their"
                        + " number)"));
            }
            code.bind(p.getIdentifier(), type, line);
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e && e.getType() != ExprConstraintDescr.Type.POSITIONAL) {
                    code.constraint(e.getExpression(), line(e, line), type);
                } else if (c instanceof BindingDescr b && !b.isUnification()) {
                    code.constraint(b.getVariable() + " : " + b.getExpression(), line(b, line), type);
                } else {
                    problems.add(RuleProblem.error(file, line(c, line), "this kind of constraint is not allowed"
                            + (c instanceof ExprConstraintDescr ? " (positional)" : "")));
                }
            }
        }

        /** The pattern's type: an engine fact, or (after from, accumulate or collect) any value a rule may hold. */
        private Class<?> patternType(PatternDescr p, int line, boolean mustBeFact) {
            String name = p.getObjectType();
            if (name == null || name.contains(".")) {
                problems.add(RuleProblem.error(file, line, "fully-qualified names (" + name + ") are not allowed: a"
                        + " rule names only the allowed types, imported by their simple name"));
                return null;
            }
            Class<?> type = code.typeNamed(name);
            if (type == null) {
                problems.add(RuleProblem.error(file, line, name + " is not a fact a rule may match (import one of the"
                        + " engine's facts: " + String.join(", ", RuleAllowlist.FACTS.stream()
                                .map(RuleAllowlist::simpleName).toList()) + ")"));
                return null;
            }
            if (mustBeFact && !RuleAllowlist.isFact(type)) {
                problems.add(RuleProblem.error(file, line, name + " is not a fact of the engine: match it only"
                        + " from a fact (from, accumulate, collect)"));
                return null;
            }
            return type;
        }

        private void accumulate(AccumulateDescr acc, int line, boolean positive) {
            if (acc.getInitCode() != null || acc.getActionCode() != null || acc.getReverseCode() != null
                    || acc.getResultCode() != null) {
                problems.add(RuleProblem.error(file, line, "accumulate with init/action/result code is not allowed:"
                        + " use count, sum, average, min, max, collectList or collectSet"));
                return;
            }
            walk(acc.getInput(), positive, new HashSet<>());
            for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
                Class<?> result = ACCUMULATE_FUNCTIONS.get(f.getFunction());
                if (result == null) {
                    problems.add(RuleProblem.error(file, line, "the accumulate function " + f.getFunction()
                            + " is not allowed: use count, sum, average, min, max, collectList or collectSet"));
                    continue;
                }
                for (String param : f.getParams()) {
                    code.expression(param, line);
                }
                code.bind(f.getBind(), result, line);
            }
        }
    }

    /**
     * Rules that insert facts which make them (or a rule that leads back to them) match again can fire without end,
     * each firing building on the last; the firing limit would stop them, but only after their numbers or lists had
     * grown. Refused: the dosing rules derive a dose, then a volume, never the reverse.
     */
    private static void feedback(List<Flow> flows, List<RuleProblem> problems) {
        Map<Class<?>, Set<Class<?>>> leadsTo = new HashMap<>();
        for (Flow f : flows) {
            for (Class<?> m : f.matched()) {
                leadsTo.computeIfAbsent(m, k -> new HashSet<>()).addAll(f.inserted());
            }
        }
        for (Flow f : flows) {
            for (Class<?> inserted : f.inserted()) {
                Optional<Class<?>> back = reachable(inserted, leadsTo).stream().filter(f.matched()::contains)
                        .findFirst();
                if (back.isPresent()) {
                    problems.add(RuleProblem.error(f.file(), f.line(), "rule \"" + f.rule() + "\" inserts a "
                            + inserted.getSimpleName() + ", which makes it match a " + back.get().getSimpleName()
                            + " again (directly or through other rules): a rule may not feed itself"));
                }
            }
        }
    }

    /** The type itself and every type its insertions lead to. */
    private static Set<Class<?>> reachable(Class<?> start, Map<Class<?>, Set<Class<?>>> leadsTo) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (seen.add(c)) {
                todo.addAll(leadsTo.getOrDefault(c, Set.of()));
            }
        }
        return seen;
    }

    private static int line(BaseDescr d) {
        return Math.max(d.getLine(), 0);
    }

    private static int line(BaseDescr d, int fallback) {
        return d.getLine() > 0 ? d.getLine() : fallback;
    }
}
