/**
 * Rules authoring: lint, validation within a time limit and a memory guard, the versioned registry (activation,
 * rollback) and the impact preview (RulesValidatorTest, ValidationGuardTest, RulesRegistryTest, ImpactPreviewTest).
 */
package org.il7cds.engine.authoring;
