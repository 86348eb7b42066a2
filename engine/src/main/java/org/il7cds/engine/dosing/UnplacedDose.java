package org.il7cds.engine.dosing;

/** A dose the schedule cannot place, and why ("next clinic day 2026-12-25 is day 18, after the window"). */
public record UnplacedDose(int number, String reason) {
}
