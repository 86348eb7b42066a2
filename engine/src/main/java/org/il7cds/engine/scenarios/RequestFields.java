package org.il7cds.engine.scenarios;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;

/**
 * The way back from the engine's field names to the request's, as the API reports them: the engine sees one flat
 * {@code labs} list, the request has {@code cd4Counts}, {@code hivRna}, ... (the api's EligibilityMapper and
 * DosingMapper do the same for a real request, and RequestShapesTest checks that both read a request alike).
 *
 * @param requestFields the top-level fields of the request; any other engine field belongs to the candidate
 * @param labPaths the index of each lab in the engine's list to its place in the request ({@code cd4Counts[0]})
 */
public record RequestFields(Set<String> requestFields, Map<Integer, String> labPaths) {

    /** Top-level fields of an assessment request (AssessmentRequest). */
    static final Set<String> ASSESSMENT = Set.of("protocolId", "asOf");
    /** Top-level fields of a re-treatment request (RetreatmentRequest). */
    static final Set<String> RETREATMENT = Set.of("protocolId", "asOf", "previousCycles");
    /** Top-level fields of a monitoring request (MonitoringRequest). */
    static final Set<String> MONITORING = Set.of("protocolId", "asOf", "doseDates");
    /** Top-level fields of a calendar request (CalendarRequest). */
    static final Set<String> CALENDAR = Set.of("protocolId", "doseLevelUgPerKg", "weightKg", "weightMeasuredOn",
            "firstInjectionDate", "clinicDays", "closures", "concentrationUgPerMl", "maxVolumePerSiteMl",
            "syringeGraduationMl", "vialSizeUg", "asOf", "candidate", "override");

    private static final Pattern LAB = Pattern.compile("^labs\\[(\\d+)]");

    public RequestFields {
        requestFields = Set.copyOf(requestFields);
        labPaths = Map.copyOf(labPaths);
    }

    /** The request's name of an engine field: {@code labs[5].unit} is {@code candidate.cd4Counts[0].unit}. */
    public String name(String engineField) {
        String field = engineField == null ? "" : engineField;
        if (field.startsWith("candidate.")) {
            field = field.substring("candidate.".length()); // the dosing engine names the candidate's fields so
        } else if (requestFields.contains(field.split("[.\\[]", 2)[0])) {
            return field;
        }
        Matcher m = LAB.matcher(field);
        if (m.find() && labPaths.containsKey(Integer.parseInt(m.group(1)))) {
            field = labPaths.get(Integer.parseInt(m.group(1))) + field.substring(m.end());
        }
        return "candidate." + field;
    }

    /** The engine's refusal with the request's field names. */
    public InvalidInputException translate(InvalidInputException e) {
        return new InvalidInputException(e.problems().stream()
                .map(p -> new FieldProblem(name(p.field()), p.message())).toList());
    }
}
