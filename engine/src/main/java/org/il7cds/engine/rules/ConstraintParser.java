package org.il7cds.engine.rules;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.ParseResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.drools.model.codegen.execmodel.generator.ModelGenerator;
import org.drools.model.functions.Operator;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.MvelParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.Providers;
import org.drools.mvel.parser.ast.expr.DrlxExpression;

/**
 * Reads DRL constraints exactly as Drools' executable model does ({@code DrlxParseUtil.parseExpression}: the DRLX
 * grammar with the registered and temporal operators), but with one parser for a whole sandbox check: Drools builds a
 * new parser for every constraint, which costs more than the parse itself (half of a check's time). Not thread-safe;
 * ConstraintParserTest checks it reads every packaged constraint as DrlxParseUtil does.
 */
final class ConstraintParser {

    private static final Collection<String> OPERATORS = operators();

    private final MvelParser parser = new MvelParser(MvelParser.getStaticConfiguration());
    private final ParseStart<DrlxExpression> start = DrlxParser.buildDrlxParserWithArguments(OPERATORS);

    /** @throws ParseProblemException when the text is not a constraint */
    DrlxExpression parse(String text) {
        ParseResult<DrlxExpression> result = parser.parse(start, Providers.provider(text));
        if (result.isSuccessful() && result.getResult().isPresent()) {
            return result.getResult().get();
        }
        throw new ParseProblemException(result.getProblems());
    }

    /** The operators DrlxParseUtil gives its parser. */
    private static Collection<String> operators() {
        List<String> all = new ArrayList<>(Operator.Register.getOperators());
        all.addAll(ModelGenerator.temporalOperators);
        return all;
    }
}
