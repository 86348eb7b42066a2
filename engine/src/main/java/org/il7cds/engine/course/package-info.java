/**
 * The course of treatment after a first course: on-treatment viral monitoring ({@link
 * org.il7cds.engine.course.MonitoringEngine}: each HIV-1 RNA result classified by the protocol's monitoring rules,
 * with the actions due) and intermittent re-treatment ({@link org.il7cds.engine.course.RetreatmentEngine}: whether a
 * new cycle is indicated now, decided by the protocol's retreatment criteria, and its calendar from the protocol's
 * dosing rules). Depends on eligibility, dosing and rules; nothing depends on it but the API.
 */
package org.il7cds.engine.course;
