/**
 * Dosing calendars: {@link org.il7cds.engine.dosing.DosingEngine} turns a {@link org.il7cds.engine.dosing.CalendarRequest}
 * into a {@link org.il7cds.engine.dosing.DosingCalendar} (or a clear refusal), and
 * {@link org.il7cds.engine.dosing.CalendarFormats} writes it as iCalendar or CSV.
 * {@link org.il7cds.engine.dosing.DoseOrderCheck} compares a prescriber's {@link org.il7cds.engine.dosing.DraftOrder}
 * with what the same rules and placement prescribe, giving an {@link org.il7cds.engine.dosing.OrderReview} (guarded
 * by {@code DoseOrderCheckTest}).
 *
 * <p>Protocol values live in the {@code dosing:} section of {@code protocol.yaml}; the checks and the dose live in the
 * protocol's {@code dosing.drl} (a DRL package ending in {@code .dosing}), which reads them through the
 * {@link org.il7cds.engine.dosing.DosingProtocol} fact and records decisions in the
 * {@link org.il7cds.engine.dosing.DosingDecisions} global; placement on clinic days is {@code SchedulePlacer}.
 * Guarded by {@code DosingEngineTest}, {@code CalendarFormatsTest}, {@code DosingKnowledgeBaseIsolationTest} and
 * the dosing calendar scenarios ({@code scenarios/dosing/*.yaml} of every protocol, run by
 * {@link org.il7cds.engine.scenarios.DosingScenarios} at validation and in {@code DosingScenariosTest}).
 */
package org.il7cds.engine.dosing;
