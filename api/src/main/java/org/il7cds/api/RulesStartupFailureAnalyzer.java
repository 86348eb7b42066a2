package org.il7cds.api;

import org.il7cds.engine.authoring.RulesStartupException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start refused because of the rules is told as such, once, without a stack trace: which rules, and every failing
 * file, line and scenario (the exception's message), then what to do.
 */
class RulesStartupFailureAnalyzer extends AbstractFailureAnalyzer<RulesStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RulesStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), "For rules that fail validation: correct them (check with"
                + " `java -jar il7cds-api.jar validate <rules dir>`) and start again; nothing was stored. For stored"
                + " rules that no longer match their hash: restore the database from a backup.", cause);
    }
}
