package org.il7cds.engine.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one YAML reader for every file informaticians edit (bundle.yaml, protocol.yaml, scenario files) and for
 * openapi.yaml: plain maps, lists and scalars only (no object construction), bounded size and aliases, and
 * strict where YAML 1.1 is surprising:
 * <ul>
 * <li>a duplicate key is an error (the second would silently win);</li>
 * <li>a key must be text: {@code 2: x}, {@code true: x} or {@code no: x} is an error (write {@code "2": x});</li>
 * <li>dates stay text ("2026-11-19"), so that no time zone ever shifts a clinical date;</li>
 * <li>booleans are only {@code true} and {@code false} ({@code yes}, {@code no}, {@code on}, {@code off}, {@code y}
 * stay text);</li>
 * <li>numbers follow {@link #NUMBER}, the one number rule: plain decimal notation only. A whole number loads as
 * Integer, Long or BigInteger, a decimal as an exact {@link BigDecimal} (never a double). Octal ({@code 012}), hex,
 * sexagesimal ({@code 1:30}), exponents ({@code 1e3}), underscores and {@code .inf} stay text, so that a reader
 * expecting a number refuses them instead of reading another value.</li>
 * </ul>
 * Unknown fields are refused by the JSON Schemas of rules/schema (see rules/README.md), against which every file
 * is validated.
 */
public final class SafeYaml {

    /**
     * The one number rule of rules files: optional minus, 1 to 12 digits, optionally a point and 1 to 12 digits.
     * Anything longer, or with an exponent, is refused before it becomes a BigDecimal: "1e999999999" is a small
     * BigDecimal that becomes a billion characters when a message prints it.
     */
    public static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,12})?");

    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");

    private SafeYaml() {
    }

    public static Yaml create() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(2 * 1024 * 1024);
        options.setNestingDepthLimit(40);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new StrictConstructor(options), new Representer(dumper), dumper, options, new StrictResolver());
    }

    /**
     * A value read from a rules file as an exact decimal under {@link #NUMBER}: a loaded number, or text such as
     * "350" written in quotes; null when it is not a number by that rule (a caller reports it with its path).
     */
    public static BigDecimal number(Object value) {
        String text;
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof BigDecimal) {
            text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        } else if (value instanceof String s) {
            text = s.trim();
        } else {
            return null;
        }
        return NUMBER.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    /** What {@link #number} accepts, said the same way wherever a number is refused. */
    public static String numberRule() {
        return "a plain number (digits and a decimal point, at most 12 digits on each side, no exponent)";
    }

    /** YAML 1.1 implicit types, narrowed: no timestamps, only true/false, numbers in plain decimal notation only. */
    private static final class StrictResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^" + WHOLE.pattern() + "$"), "-0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile("^" + DECIMAL.pattern() + "$"), "-0123456789");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** SafeConstructor with text keys only and exact decimals. */
    private static final class StrictConstructor extends SafeConstructor {

        StrictConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.FLOAT, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new BigDecimal(((ScalarNode) node).getValue());
                }
            });
        }

        @Override
        protected void constructMapping2ndStep(MappingNode node, java.util.Map<Object, Object> mapping) {
            for (NodeTuple tuple : node.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode) || !Tag.STR.equals(key.getTag()) && !Tag.MERGE.equals(key.getTag())) {
                    String shown = key instanceof ScalarNode s ? s.getValue() : key.getNodeId().name();
                    throw new ConstructorException("while constructing a mapping", node.getStartMark(),
                            "found a key that is not text: " + shown + " (write it in quotes: \"" + shown + "\")",
                            key.getStartMark()) {
                        private static final long serialVersionUID = 1L;
                    };
                }
            }
            super.constructMapping2ndStep(node, mapping);
        }
    }
}
