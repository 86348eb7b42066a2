package org.il7cds.engine.scenarios;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.ScheduleInfeasibleException;
import org.il7cds.engine.dosing.UnplacedDose;

/** Compares how a request ended (an exception, or none) with the refusal a scenario expects, in either kind of file. */
final class ErrorComparison {

    private ErrorComparison() {
    }

    static ErrorKind kindOf(RuntimeException e) {
        if (e instanceof InvalidInputException) {
            return ErrorKind.INVALID_INPUT;
        }
        if (e instanceof CalendarRefusedException) {
            return ErrorKind.REFUSED;
        }
        if (e instanceof ScheduleInfeasibleException) {
            return ErrorKind.INFEASIBLE;
        }
        return null;
    }

    /** How the request ended, for a difference ("got error invalid-input: candidate.cd4Counts[0].unit ..."). */
    static String describe(RuntimeException e, RequestFields fields) {
        ErrorKind kind = kindOf(e);
        if (kind != null) {
            return "got error " + kind.label() + ": " + message(e, fields);
        }
        if (e instanceof RulesExecutionException) {
            return "the rules failed: " + e.getMessage();
        }
        if (e instanceof UnknownProtocolException) {
            return "the protocol is unknown: " + e.getMessage();
        }
        return "the engine failed unexpectedly: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Adds to {@code diff} each way {@code error} (null: an answer was given) differs from {@code expected}. */
    static void compare(ExpectedError expected, RuntimeException error, RequestFields fields, List<String> diff) {
        if (error == null) {
            diff.add("expected error " + expected.kind().label() + ", but an answer was given");
            return;
        }
        if (kindOf(error) != expected.kind()) {
            diff.add("expected error " + expected.kind().label() + ", but " + describe(error, fields));
            return;
        }
        if (expected.fields() != null && error instanceof InvalidInputException e) {
            Set<String> actual = new TreeSet<>(e.problems().stream().map(p -> fields.name(p.field())).toList());
            if (!actual.equals(new TreeSet<>(expected.fields()))) {
                diff.add("error.fields: expected exactly " + new TreeSet<>(expected.fields()) + ", got " + actual
                        + " (" + message(e, fields) + ")");
            }
        }
        if (expected.unplacedDoses() != null && error instanceof ScheduleInfeasibleException e) {
            List<Integer> actual = e.unplaced().stream().map(UnplacedDose::number).toList();
            if (!actual.equals(expected.unplacedDoses())) {
                diff.add("error.unplacedDoses: expected " + expected.unplacedDoses() + ", got " + actual);
            }
        }
        String message = message(error, fields);
        if (expected.messageContains() != null && (message == null || !message.contains(expected.messageContains()))) {
            diff.add("error.messageContains: expected the message to contain '" + expected.messageContains()
                    + "', got '" + message + "'");
        }
    }

    /** The message as the API gives it: an invalid input's fields named as the request names them. */
    private static String message(RuntimeException e, RequestFields fields) {
        return e instanceof InvalidInputException i ? fields.translate(i).getMessage() : e.getMessage();
    }
}
