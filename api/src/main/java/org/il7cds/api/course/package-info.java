/**
 * The course of treatment over REST (screeners): re-treatment decisions and on-treatment viral monitoring
 * ({@code /v1/course/**}); mapping only, the decisions are the engine's and its rules'.
 */
package org.il7cds.api.course;
