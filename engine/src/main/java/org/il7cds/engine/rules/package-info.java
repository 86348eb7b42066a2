/**
 * Loading rules: a {@link org.il7cds.engine.rules.RuleBundle} (classpath or directory) compiled by
 * {@link org.il7cds.engine.rules.RuleSetCompiler} into an immutable {@link org.il7cds.engine.rules.RuleSet}, one
 * knowledge base per protocol; every error with its file and line (RuleSetCompilerTest).
 */
package org.il7cds.engine.rules;
