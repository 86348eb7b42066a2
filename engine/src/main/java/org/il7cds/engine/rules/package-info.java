/**
 * Loading rules: a {@link org.il7cds.engine.rules.RuleBundle} (classpath or directory) compiled by
 * {@link org.il7cds.engine.rules.RuleSetCompiler} into an immutable {@link org.il7cds.engine.rules.RuleSet}, one
 * knowledge base per protocol; every error with its file and line (RuleSetCompilerTest). Before Drools sees a bundle,
 * {@link org.il7cds.engine.rules.RuleSandbox} checks every DRL file against what a rule may use
 * (RuleSandboxTest, HostileRulesTest).
 */
package org.il7cds.engine.rules;
