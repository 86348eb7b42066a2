package org.il7cds.engine.dosing;

import java.util.List;

/**
 * The course cannot be scheduled within the protocol's window with these clinic days and closures. Says
 * which doses cannot be placed and why; the doses that could be placed are given for reference only.
 */
public class ScheduleInfeasibleException extends RuntimeException {

    private final transient List<UnplacedDose> unplaced;
    private final transient List<ScheduledDose> placed;

    public ScheduleInfeasibleException(List<UnplacedDose> unplaced, List<ScheduledDose> placed) {
        super("the course cannot be scheduled: " + unplaced);
        this.unplaced = List.copyOf(unplaced);
        this.placed = List.copyOf(placed);
    }

    public List<UnplacedDose> unplaced() {
        return unplaced;
    }

    public List<ScheduledDose> placed() {
        return placed;
    }
}
