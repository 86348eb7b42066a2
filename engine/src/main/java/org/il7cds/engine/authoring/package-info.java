/**
 * Rules authoring: lint, validation, the versioned registry (activation, rollback) and the impact preview
 * (RulesValidatorTest, RulesRegistryTest, ImpactPreviewTest).
 */
package org.il7cds.engine.authoring;
