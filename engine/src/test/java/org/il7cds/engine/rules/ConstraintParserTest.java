package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.model.codegen.execmodel.generator.DrlxParseUtil;
import org.drools.mvel.parser.printer.PrintUtil;
import org.junit.jupiter.api.Test;

/** The sandbox's reused constraint parser reads each constraint as Drools' executable model does (DrlxParseUtil). */
class ConstraintParserTest {

    @Test
    void readsEveryPackagedAndHostileConstraintAsDroolsDoes() throws IOException, URISyntaxException {
        List<String> constraints = new ArrayList<>();
        RuleBundle.fromClasspath().files().keySet().stream().filter(p -> p.endsWith(".drl"))
                .forEach(p -> collect(RuleBundle.fromClasspath().text(p), constraints));
        try (Stream<Path> hostile = Files.list(Path.of(getClass().getResource("/hostile-rules").toURI()))) {
            for (Path f : hostile.toList()) {
                collect(Files.readString(f), constraints);
            }
        }
        assertThat(constraints).hasSizeGreaterThan(150);
        ConstraintParser parser = new ConstraintParser();
        for (String c : constraints) {
            assertThat(read(() -> PrintUtil.printNode(parser.parse(c)))).as(c)
                    .isEqualTo(read(() -> PrintUtil.printNode(DrlxParseUtil.parseExpression(c))));
        }
    }

    private static String read(java.util.function.Supplier<String> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return "refused: " + e.getClass().getSimpleName();
        }
    }

    private static void collect(String drl, List<String> constraints) {
        try {
            DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
            var pkg = parser.parse(false, drl);
            if (pkg != null) {
                for (RuleDescr r : pkg.getRules()) {
                    walk(r.getLhs(), constraints);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(BaseDescr d, List<String> constraints) {
        if (d instanceof PatternDescr p) {
            p.getDescrs().stream().filter(ExprConstraintDescr.class::isInstance)
                    .forEach(c -> constraints.add(((ExprConstraintDescr) c).getExpression()));
        } else if (d instanceof ConditionalElementDescr ce) {
            ce.getDescrs().forEach(c -> walk((BaseDescr) c, constraints));
        }
    }
}
