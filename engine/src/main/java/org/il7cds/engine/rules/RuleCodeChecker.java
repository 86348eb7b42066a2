package org.il7cds.engine.rules;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.model.codegen.execmodel.generator.DrlxParseUtil;
import org.drools.mvel.parser.ast.expr.BigDecimalLiteralExpr;
import org.drools.mvel.parser.ast.expr.BigIntegerLiteralExpr;
import org.drools.mvel.parser.ast.expr.DrlNameExpr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.InlineCastExpr;
import org.drools.mvel.parser.ast.expr.NullSafeFieldAccessExpr;
import org.drools.mvel.parser.ast.expr.NullSafeMethodCallExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.drools.util.StringUtils;

/**
 * Checks the code inside one rule, constraint by constraint and statement by statement, against
 * {@link RuleAllowlist}. Each piece is read with the parsers of Drools' executable model (the JavaParser grammar with
 * DRL's operators for constraints, {@link ConstraintParser}; {@code DrlxParseUtil.parseBlock} for consequences), so
 * the tree checked is the tree Drools compiles. Every expression gets a type; a method is allowed only for the type it is called on, so
 * nothing outside the vocabulary can be reached, whatever the names or strings involved.
 *
 * <p>Refusals are {@link RuleProblem}s with the file and line of the offending piece; a refused piece has no type
 * (null) and its callers add nothing more about it.
 */
final class RuleCodeChecker {

    /**
     * Multiplications and divisions a rule may write. Digits grow with each product, so a few per rule are enough
     * for a dose (weight x level) and keep numbers small; without a cap, a rule of repeated products could build a
     * number large enough to exhaust the memory.
     */
    static final int MAX_PRODUCTS_PER_RULE = 8;

    /** java.lang names refused with a reason, since they are the usual way out of a rule. */
    private static final Set<String> OUTSIDE = Set.of("System", "Runtime", "Thread", "ThreadGroup", "ThreadLocal",
            "Class", "ClassLoader", "Process", "ProcessBuilder", "ProcessHandle", "StackWalker", "SecurityManager",
            "Module", "ModuleLayer", "Compiler", "InheritableThreadLocal", "Files", "Paths", "Path", "File", "URL",
            "Socket", "Method", "Field", "Constructor", "MethodHandles", "Unsafe", "ScriptEngineManager");

    /** Drools' own actions other than insert: rules here record decisions and add facts, nothing else. */
    private static final Set<String> KNOWLEDGE_HELPER = Set.of("insertLogical", "insertAsync", "delete", "retract",
            "update", "modify", "halt", "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory", "getEntryPoint",
            "getChannel", "getMatch", "getTuple", "run", "guard", "setFocus", "getContext");

    /** The type of each kind of Java literal (DRL's decimal and BigInteger literals are checked apart). */
    private static final Map<Class<? extends Expression>, Class<?>> LITERALS = Map.of(StringLiteralExpr.class,
            String.class, TextBlockLiteralExpr.class, String.class, CharLiteralExpr.class, char.class,
            IntegerLiteralExpr.class, int.class, LongLiteralExpr.class, long.class, DoubleLiteralExpr.class,
            double.class, BooleanLiteralExpr.class, boolean.class, NullLiteralExpr.class, Object.class);

    /** Names Drools gives a meaning of its own in rules. */
    static final Set<String> RESERVED = Set.of("drools", "kcontext", "channels");

    /** DRL operators between a value and a list of values that a constraint may use. */
    private static final Set<String> POINT_FREE = Set.of("in", "contains", "memberOf", "excludes");

    /** Widths and precisions in a format are at most two digits, so a format cannot ask for a huge string. */
    private static final Pattern FORMAT_NUMBER = Pattern.compile("%[-#+ 0,(<]*(\\d+\\$)?[-#+ 0,(<]*(\\d*)(\\.(\\d*))?");

    private final String file;
    private final List<RuleProblem> problems;
    private final ConstraintParser constraints;
    private final Map<String, Class<?>> typeNames;
    private final Map<String, Class<?>> values = new HashMap<>();
    private final Set<Class<?>> inserted = new LinkedHashSet<>();
    private int products;

    /** Where the piece being checked starts in the file, and what it can see. */
    private int baseLine;
    private Class<?> patternType;
    private boolean inConsequence;
    private final Map<String, Class<?>> locals = new HashMap<>();
    private boolean inLocalInitialiser;

    RuleCodeChecker(String file, List<RuleProblem> problems, ConstraintParser constraints,
            Map<String, Class<?>> typeNames, Map<String, Class<?>> globals) {
        this.file = file;
        this.problems = problems;
        this.constraints = constraints;
        this.typeNames = typeNames;
        this.values.putAll(globals);
    }

    /** The fact types the rule's consequence inserts. */
    Set<Class<?>> inserted() {
        return inserted;
    }

    /**
     * A name bound by the rule ({@code $c : Criterion(...)}, a query parameter, an accumulate result). Drools' own
     * names are refused: it rewrites every use of {@code kcontext}, whatever it was bound to.
     */
    void bind(String name, Class<?> type, int line) {
        if (name == null) {
            return;
        }
        if (RESERVED.contains(name)) {
            problems.add(RuleProblem.error(file, line, "'" + name + "' is a name Drools reserves: choose another"));
        } else if (type != null) {
            values.put(name, type);
        }
    }

    Class<?> typeNamed(String name) {
        return typeNames.get(name);
    }

    /**
     * One constraint of a pattern on {@code pattern}: {@code id == "adult"}, {@code $min : whole("minAgeYears")}.
     * Names in it are properties of the pattern's type, bindings, globals or allowed types.
     */
    void constraint(String text, int line, Class<?> pattern) {
        DrlxExpression parsed = parseConstraint(text, line);
        if (parsed == null) {
            return;
        }
        begin(line, pattern, false);
        Expression expr = parsed.getExpr();
        Class<?> type = type(expr);
        if (parsed.getBind() != null) {
            // "$kind : lab != null" binds the left operand; "$min : whole(...)" the whole expression.
            Class<?> bound = type != null && expr instanceof BinaryExpr b && isComparison(b.getOperator())
                    ? type(b.getLeft()) : type;
            bind(parsed.getBind().asString(), bound, line);
        }
    }

    /** An {@code eval(...)} condition, or the expression after {@code from}; returns its type (null if refused). */
    Class<?> expression(String text, int line) {
        DrlxExpression parsed = parseConstraint(text, line);
        if (parsed == null) {
            return null;
        }
        begin(line, null, false);
        if (parsed.getBind() != null) {
            return refuse(parsed, "a binding (" + parsed.getBind() + " :) is not allowed here");
        }
        return type(parsed.getExpr());
    }

    /** A rule's consequence (the code between {@code then} and {@code end}). */
    void consequence(String text, int line) {
        // parseBlock wraps the text in a block whose first line holds only the brace: statement lines start at 2.
        begin(line - 1, null, true);
        if (StringUtils.indexOfOutOfQuotes(text, "modify") >= 0) {
            // Drools rewrites any consequence naming modify before parsing it; rules here never change facts.
            problems.add(RuleProblem.error(file, line, "'modify' is not allowed in a rule's actions: rules record"
                    + " decisions and add facts, they never change a fact"));
            return;
        }
        BlockStmt block;
        try {
            block = DrlxParseUtil.parseBlock(text.trim());
        } catch (ParseProblemException e) {
            problems.add(RuleProblem.error(file, line, "the rule's actions (then ... end) cannot be read: "
                    + firstLine(e.getMessage())));
            return;
        }
        statement(block);
    }

    private void begin(int line, Class<?> pattern, boolean consequence) {
        this.baseLine = line;
        this.patternType = pattern;
        this.inConsequence = consequence;
        this.locals.clear();
    }

    private DrlxExpression parseConstraint(String text, int line) {
        try {
            return constraints.parse(text);
        } catch (RuntimeException e) {
            problems.add(RuleProblem.error(file, line, "this condition cannot be read: " + firstLine(e.getMessage())));
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ statements

    private void statement(Statement s) {
        if (s instanceof BlockStmt b) {
            b.getStatements().forEach(this::statement);
        } else if (s instanceof ExpressionStmt e) {
            Expression x = e.getExpression();
            if (x instanceof VariableDeclarationExpr v) {
                declare(v);
            } else if (x instanceof MethodCallExpr) {
                type(x);
            } else {
                refuse(x, "only calls and value declarations are allowed in a rule's actions: " + shorten(x));
            }
        } else if (s instanceof IfStmt i) {
            type(i.getCondition());
            statement(i.getThenStmt());
            i.getElseStmt().ifPresent(this::statement);
        } else if (s instanceof EmptyStmt) {
            return;
        } else if (s instanceof ForStmt || s instanceof ForEachStmt || s instanceof WhileStmt
                || s instanceof DoStmt) {
            refuse(s, "loops are not allowed in a rule's actions: a rule acts once for each match of its"
                    + " conditions");
        } else if (s instanceof SynchronizedStmt) {
            refuse(s, "synchronized blocks are not allowed in a rule's actions");
        } else if (s instanceof TryStmt || s instanceof ThrowStmt) {
            refuse(s, "try, catch and throw are not allowed in a rule's actions");
        } else {
            refuse(s, "this statement is not allowed in a rule's actions: " + shorten(s));
        }
    }

    private void declare(VariableDeclarationExpr v) {
        for (VariableDeclarator d : v.getVariables()) {
            String name = d.getNameAsString();
            if (RESERVED.contains(name) || values.containsKey(name) || locals.containsKey(name)) {
                refuse(d, "'" + name + "' is already a binding, a global or a value of this rule");
                continue;
            }
            if (d.getInitializer().isEmpty()) {
                refuse(d, "a value declared in a rule's actions needs its value: " + name + " = ...");
                continue;
            }
            inLocalInitialiser = true;
            Class<?> value = type(d.getInitializer().get());
            inLocalInitialiser = false;
            Class<?> declared = d.getType().isVarType() ? value : resolve(d.getType());
            if (declared != null) {
                locals.put(name, declared); // even when its value was refused, so that its uses are not refused again
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- expressions

    /** The type of an expression, or null when it is refused (the refusal is recorded). */
    private Class<?> type(Expression e) {
        if (e instanceof EnclosedExpr x) {
            return type(x.getInner());
        }
        if (e instanceof BigDecimalLiteralExpr x) {
            return bigDecimalLiteral(x);
        }
        if (e instanceof BigIntegerLiteralExpr) {
            return refuse(e, "BigInteger literals (123I) are not allowed: use a whole number or a decimal");
        }
        Class<?> literal = LITERALS.get(e.getClass());
        if (literal != null) {
            return literal;
        }
        if (e instanceof NameExpr n) {
            return name(n);
        }
        if (e instanceof FieldAccessExpr f) {
            return field(f, f.getScope(), f.getNameAsString());
        }
        if (e instanceof NullSafeFieldAccessExpr f) {
            return field(f, f.getScope(), f.getNameAsString());
        }
        if (e instanceof MethodCallExpr m) {
            return call(m, m.getScope().orElse(null), m.getNameAsString(), m.getArguments());
        }
        if (e instanceof NullSafeMethodCallExpr m) {
            return call(m, m.getScope().orElse(null), m.getNameAsString(), m.getArguments());
        }
        if (e instanceof BinaryExpr b) {
            return binary(b);
        }
        if (e instanceof HalfBinaryExpr h) {
            return type(h.getRight()) == null ? null : boolean.class;
        }
        if (e instanceof PointFreeExpr p) {
            return pointFree(p, p.getOperator().asString(), p.getRight()) && type(p.getLeft()) != null
                    ? boolean.class : null;
        }
        if (e instanceof HalfPointFreeExpr p) {
            return pointFree(p, p.getOperator().asString(), p.getRight()) ? boolean.class : null;
        }
        if (e instanceof UnaryExpr u) {
            return unary(u);
        }
        if (e instanceof ConditionalExpr c) {
            Class<?> condition = type(c.getCondition());
            Class<?> then = type(c.getThenExpr());
            Class<?> otherwise = type(c.getElseExpr());
            return condition == null || then == null || otherwise == null ? null : common(then, otherwise);
        }
        if (e instanceof CastExpr c) {
            Class<?> inner = type(c.getExpression());
            Class<?> target = resolve(c.getType());
            return inner == null ? null : target;
        }
        if (e instanceof InlineCastExpr c) {
            Class<?> inner = type(c.getExpression());
            Class<?> target = resolve(c.getType());
            return inner == null ? null : target;
        }
        if (e instanceof InstanceOfExpr i) {
            if (i.getPattern().isPresent()) {
                return refuse(e, "instanceof with a pattern variable is not allowed");
            }
            return type(i.getExpression()) == null || resolve(i.getType()) == null ? null : boolean.class;
        }
        if (e instanceof ThisExpr && patternType != null && !inConsequence) {
            return patternType;
        }
        if (e instanceof ObjectCreationExpr o) {
            return refuse(e, "'new " + o.getType().asString() + "(...)' is not allowed: a rule cannot create"
                    + " objects (it inserts facts through the engine's factories, such as DoseAmount.of)");
        }
        return refuse(e, "this is not allowed in a rule: " + shorten(e) + " (" + describe(e) + ")");
    }

    private Class<?> bigDecimalLiteral(BigDecimalLiteralExpr x) {
        String v = x.getValue();
        if (v.length() > 40 || v.indexOf('e') >= 0 || v.indexOf('E') >= 0) {
            return refuse(x, "a decimal literal may have at most 40 characters and no exponent: " + shorten(x));
        }
        return BigDecimal.class;
    }

    private Class<?> name(NameExpr n) {
        String name = n.getNameAsString();
        if (n instanceof DrlNameExpr d && d.getBackReferencesCount() > 0) {
            return refuse(n, "back references (../) are not allowed");
        }
        if (locals.containsKey(name)) {
            if (inLocalInitialiser) {
                return refuse(n, "a value declared in a rule's actions may not be computed from another one ('"
                        + name + "'): write the calculation in one expression");
            }
            return locals.get(name);
        }
        if (values.containsKey(name)) {
            return values.get(name);
        }
        if (name.equals("drools") || name.equals("kcontext")) {
            return refuse(n, "'" + name + "' is not allowed: the engine records which rule decided");
        }
        if (patternType != null && !inConsequence && !isTypeName(name)) {
            Class<?> property = property(patternType, name);
            if (property != null) {
                return property;
            }
        }
        if (typeNames.containsKey(name)) {
            return refuse(n, "'" + name + "' is a type, not a value");
        }
        return unknown(n, name);
    }

    private Class<?> unknown(Node n, String name) {
        if (OUTSIDE.contains(name)) {
            return refuse(n, "'" + name + "' is not allowed: a rule cannot reach the operating system, files, the"
                    + " network, threads, classes or the Java runtime");
        }
        return refuse(n, "'" + name + "' is not something a rule may name (not a fact property, a binding, a global"
                + (patternType == null || inConsequence ? "" : " or a property of " + patternType.getSimpleName())
                + ", nor an allowed type)");
    }

    /** {@code Comparator.EQ}, {@code BigDecimal.ONE}, or a property in a constraint ({@code override.reasonCode}). */
    private Class<?> field(Node node, Expression scope, String field) {
        if (scope instanceof NameExpr n && !isValueName(n.getNameAsString())) {
            Class<?> owner = staticType(scope);
            if (owner == null) {
                return notAType(node, n.getNameAsString(), field);
            }
            if (!RuleAllowlist.allowsStaticField(owner, field)) {
                return refuse(node, "'" + owner.getSimpleName() + "." + field + "' is not allowed");
            }
            return owner.isEnum() ? owner : staticFieldType(owner, field);
        }
        String qualified = qualifiedName(scope);
        if (qualified != null && qualified.contains(".")) {
            String root = qualified.substring(0, qualified.indexOf('.'));
            if (!isValueName(root) && !typeNames.containsKey(root)) {
                return fullyQualified(node, qualified + "." + field);
            }
        }
        Class<?> owner = type(scope);
        if (owner == null) {
            return null;
        }
        if (inConsequence) {
            return refuse(node, "field access (" + shorten(node) + ") is not allowed in a rule's actions: call the"
                    + " accessor, such as $l.getValue()");
        }
        Class<?> property = property(owner, field);
        return property != null ? property
                : refuse(node, "'" + field + "' is not a property a rule may read on " + owner.getSimpleName());
    }

    /** {@code x.y} where x is neither a value nor an allowed type: a package name (a qualified name) or unknown. */
    private Class<?> notAType(Node node, String scope, String member) {
        return Character.isLowerCase(scope.charAt(0)) ? fullyQualified(node, scope + "." + member)
                : unknown(node, scope);
    }

    private static Class<?> staticFieldType(Class<?> owner, String field) {
        try {
            return owner.getField(field).getType();
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private Class<?> fullyQualified(Node node, String name) {
        return refuse(node, "fully-qualified names (" + name + ") are not allowed: a rule names only the allowed"
                + " types, imported by their simple name");
    }

    private Class<?> call(Node node, Expression scope, String name, NodeList<Expression> args) {
        Class<?> owner;
        boolean statics = false;
        if (scope == null) {
            if (inConsequence) {
                return implicitCall(node, name, args);
            }
            owner = patternType;
            if (owner == null) {
                return refuse(node, "'" + name + "(...)' is not a method a rule may call (functions are not"
                        + " allowed)");
            }
        } else if (scope instanceof NameExpr n && (n.getNameAsString().equals("drools")
                || n.getNameAsString().equals("kcontext")) && !values.containsKey(n.getNameAsString())) {
            return refuse(node, "'" + n.getNameAsString() + "." + name + "(...)' is not allowed: the engine records"
                    + " which rule decided (findings.met($c, ...) is enough)");
        } else if (scope instanceof NameExpr n && !isValueName(n.getNameAsString())) {
            owner = staticType(scope);
            if (owner == null) {
                return notAType(node, n.getNameAsString(), name);
            }
            statics = true;
        } else {
            owner = type(scope);
            if (owner == null) {
                return null;
            }
        }
        boolean argumentsChecked = true;
        for (Expression a : args) {
            argumentsChecked &= type(a) != null;
        }
        List<Method> methods = RuleAllowlist.methods(owner, name, args.size(), statics);
        if (methods.isEmpty()) {
            return refuse(node, "'" + owner.getSimpleName() + "." + name + "' with " + args.size() + " argument"
                    + (args.size() == 1 ? "" : "s") + " is not something a rule may call");
        }
        if (owner == String.class && statics && name.equals("format") && !formatIsBounded(node, args)) {
            return null;
        }
        if (owner == BigDecimal.class && (name.equals("multiply") || name.equals("divide"))) {
            countProduct(node);
        }
        return argumentsChecked ? returnType(methods) : null;
    }

    /** A call without a receiver in a consequence: only {@code insert} of an engine fact. */
    private Class<?> implicitCall(Node node, String name, NodeList<Expression> args) {
        if (name.equals("insert") && args.size() == 1) {
            Class<?> fact = type(args.get(0));
            if (fact == null) {
                return null;
            }
            if (!RuleAllowlist.isFact(fact)) {
                return refuse(node, "insert(...) takes a fact of the engine (such as a DoseAmount), not a "
                        + fact.getSimpleName());
            }
            inserted.add(fact);
            return void.class;
        }
        if (KNOWLEDGE_HELPER.contains(name)) {
            return refuse(node, "'" + name + "' is not allowed: rules record decisions and insert facts, they"
                    + " never change, remove or retrieve facts or drive the engine");
        }
        return refuse(node, "'" + name + "(...)' is not a method a rule may call (functions are not allowed)");
    }

    private boolean formatIsBounded(Node node, NodeList<Expression> args) {
        if (args.isEmpty() || !(args.get(0) instanceof StringLiteralExpr literal)) {
            refuse(node, "String.format needs its format written as a literal string");
            return false;
        }
        var m = FORMAT_NUMBER.matcher(literal.asString());
        while (m.find()) {
            for (String digits : new String[] {m.group(2), m.group(4)}) {
                if (digits != null && digits.length() > 2) {
                    refuse(node, "a format width or precision may have at most two digits");
                    return false;
                }
            }
        }
        return true;
    }

    private void countProduct(Node node) {
        if (++products == MAX_PRODUCTS_PER_RULE + 1) {
            refuse(node, "a rule may write at most " + MAX_PRODUCTS_PER_RULE + " multiplications and divisions");
        }
    }

    private Class<?> binary(BinaryExpr b) {
        Class<?> left = type(b.getLeft());
        Class<?> right = type(b.getRight());
        if (left == null || right == null) {
            return null;
        }
        return switch (b.getOperator()) {
            case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> boolean.class;
            case PLUS -> left == String.class || right == String.class ? String.class : numeric(left, right);
            case MULTIPLY, DIVIDE -> {
                countProduct(b);
                yield numeric(left, right);
            }
            default -> numeric(left, right);
        };
    }

    private Class<?> unary(UnaryExpr u) {
        return switch (u.getOperator()) {
            case LOGICAL_COMPLEMENT -> type(u.getExpression()) == null ? null : boolean.class;
            case PLUS, MINUS -> type(u.getExpression());
            default -> refuse(u, "'" + u.getOperator().asString() + "' is not allowed: values in a rule are never"
                    + " changed");
        };
    }

    private boolean pointFree(Node node, String operator, NodeList<Expression> right) {
        if (!POINT_FREE.contains(operator)) {
            return refuse(node, "the operator '" + operator + "' is not allowed"
                    + (operator.equals("matches") ? " (a regular expression can take unbounded time on some text)"
                            : "")) != null;
        }
        boolean ok = true;
        for (Expression r : right) {
            ok &= type(r) != null;
        }
        return ok;
    }

    private static boolean isComparison(BinaryExpr.Operator op) {
        return switch (op) {
            case EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> true;
            default -> false;
        };
    }

    // ----------------------------------------------------------------------------------------------------- types

    /** A property of a type as Drools reads it: {@code getX()}, {@code isX()} or {@code x()}, without arguments. */
    private static Class<?> property(Class<?> owner, String name) {
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String accessor : new String[] {"get" + capitalised, "is" + capitalised, name}) {
            List<Method> m = RuleAllowlist.methods(owner, accessor, 0, false);
            if (!m.isEmpty()) {
                return returnType(m);
            }
        }
        return null;
    }

    /** Whether a simple name denotes a value (binding, global, local or pattern property) rather than a type. */
    private boolean isValueName(String name) {
        return locals.containsKey(name) || values.containsKey(name)
                || patternType != null && !inConsequence && !isTypeName(name) && property(patternType, name) != null;
    }

    /** A capitalised allowed type name is the type, even when the pattern has a property so named (getComparator). */
    private boolean isTypeName(String name) {
        return Character.isUpperCase(name.charAt(0)) && typeNames.containsKey(name);
    }

    /** "a.b.C" for a chain of names (a NameExpr, or field accesses on one), else null. */
    private static String qualifiedName(Expression e) {
        if (e instanceof NameExpr n) {
            return n.getNameAsString();
        }
        if (e instanceof FieldAccessExpr f) {
            String scope = qualifiedName(f.getScope());
            return scope == null ? null : scope + "." + f.getNameAsString();
        }
        return null;
    }

    /** The allowed type a simple name denotes, or null (a dotted name is never resolved: no qualified names). */
    private Class<?> staticType(Expression e) {
        return e instanceof NameExpr n ? typeNames.get(n.getNameAsString()) : null;
    }

    /** The allowed class a declared type names (casts, declarations, instanceof), or null with a refusal. */
    private Class<?> resolve(Type t) {
        if (t instanceof PrimitiveType p) {
            return switch (p.getType()) {
                case BOOLEAN -> boolean.class;
                case CHAR -> char.class;
                case BYTE -> byte.class;
                case SHORT -> short.class;
                case INT -> int.class;
                case LONG -> long.class;
                case FLOAT -> float.class;
                case DOUBLE -> double.class;
            };
        }
        if (t instanceof ClassOrInterfaceType c) {
            if (c.getScope().isPresent()) {
                return fullyQualified(t, c.asString());
            }
            Class<?> type = typeNames.get(c.getNameAsString());
            if (type == null) {
                return unknown(t, c.getNameAsString());
            }
            for (Type argument : c.getTypeArguments().orElse(new NodeList<>())) {
                if (resolve(argument) == null) {
                    return null;
                }
            }
            return type;
        }
        return refuse(t, "the type " + t.asString() + " is not allowed in a rule");
    }

    private static Class<?> returnType(List<Method> methods) {
        Class<?> first = methods.get(0).getReturnType();
        for (Method m : methods) {
            if (m.getReturnType() != first) {
                return common(first, m.getReturnType());
            }
        }
        return first;
    }

    private static Class<?> common(Class<?> a, Class<?> b) {
        if (a == b) {
            return a;
        }
        if (isNumber(a) && isNumber(b)) {
            return numeric(a, b);
        }
        if (a == Object.class) {
            return b.isPrimitive() ? Object.class : b;
        }
        if (b == Object.class) {
            return a.isPrimitive() ? Object.class : a;
        }
        return a.isAssignableFrom(b) ? a : b.isAssignableFrom(a) ? b : Object.class;
    }

    private static boolean isNumber(Class<?> c) {
        return c == int.class || c == long.class || c == double.class || c == float.class || c == short.class
                || c == byte.class || c == char.class || Number.class.isAssignableFrom(c);
    }

    /** The type of arithmetic on two operands, as far as the allowlist cares (which methods the result has). */
    private static Class<?> numeric(Class<?> a, Class<?> b) {
        if (a == BigDecimal.class || b == BigDecimal.class) {
            return BigDecimal.class;
        }
        if (a == double.class || b == double.class || a == Double.class || b == Double.class || a == float.class
                || b == float.class) {
            return double.class;
        }
        if (a == long.class || b == long.class || a == Long.class || b == Long.class) {
            return long.class;
        }
        return int.class;
    }

    // ---------------------------------------------------------------------------------------------------- report

    /** Refuses a node; constraints carry no positions (line 0), so they are reported on their constraint's line. */
    private <T> T refuse(Node n, String message) {
        int line = baseLine + n.getBegin().map(p -> Math.max(p.line, 1) - 1).orElse(0);
        problems.add(RuleProblem.error(file, Math.max(line, 0), message));
        return null;
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName().replaceAll("(Expr|Stmt|Expression|Statement)$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String shorten(Node n) {
        String text = org.drools.mvel.parser.printer.PrintUtil.printNode(n).replaceAll("\\s+", " ").trim();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }
}
