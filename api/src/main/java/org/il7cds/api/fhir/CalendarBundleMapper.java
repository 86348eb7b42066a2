package org.il7cds.api.fhir;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.il7cds.api.generated.model.CalendarRequestDto;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a calendar request whose candidate comes as a FHIR Bundle ({@code candidateBundle}): the Bundle is parsed with HAPI
 * FHIR and mapped to the JSON candidate right after the body is read, before it is validated, so the dosing
 * controller, its validation and its record see an ordinary request (the record holds the mapped candidate, and a
 * replay is the JSON route's). When the request gives neither weightKg nor weightMeasuredOn, they come from the Bundle's
 * body weight ({@link FhirBodyWeight}). Done here, as request-body advice, so that the dosing package knows nothing of FHIR.
 */
@ControllerAdvice
class CalendarBundleMapper extends RequestBodyAdviceAdapter {

    private final ActiveRules rules;
    private final JsonMapper json;
    private final Clock clock;
    private final FhirProperties fhir;

    CalendarBundleMapper(ActiveRules rules, JsonMapper json, Clock clock, FhirProperties fhir) {
        this.rules = rules;
        this.json = json;
        this.clock = clock;
        this.fhir = fhir;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == CalendarRequestDto.class;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (!(body instanceof CalendarRequestDto request)) {
            return body;
        }
        if (request.getCandidateBundle() == null) {
            if (request.getCandidate() == null) {
                // openapi.yaml cannot make one of the two required, so the rule is kept here.
                throw new InvalidInputException("candidate", "is required: the candidate as JSON (candidate) or as a"
                        + " FHIR R4 Bundle (candidateBundle)");
            }
            return request;
        }
        if (request.getCandidate() != null) {
            throw new InvalidInputException("candidateBundle", "give the candidate once: as candidate (JSON) or as"
                    + " candidateBundle (FHIR), not both");
        }
        if (request.getFirstInjectionDate() == null) {
            return request; // refused by validation (firstInjectionDate is required) with every other problem
        }
        Bundle bundle = FhirJson.parse(Bundle.class, json.writeValueAsString(request.getCandidateBundle()));
        RuleSet ruleSet = rules.get();
        request.setCandidate(new FhirCandidateMapper(ruleSet.drugs(),
                ConditionCodes.parse(ruleSet.bundle().text(ConditionCodes.PATH)), request.getFirstInjectionDate(),
                fhir).map(bundle));
        if (request.getWeightKg() == null && request.getWeightMeasuredOn() == null) {
            weightFrom(bundle, request);
        }
        request.setCandidateBundle(null);
        return request;
    }

    /**
     * Neither weight field given: the Bundle's latest body weight on or before the planning date (asOf, else today),
     * so the dosing rules then judge its age as for a weight given as fields; none usable is a 400 saying what to send.
     */
    private void weightFrom(Bundle bundle, CalendarRequestDto request) {
        LocalDate asOf = request.getAsOf() != null ? request.getAsOf() : LocalDate.now(clock);
        FhirBodyWeight.Reading reading = FhirBodyWeight.latest(bundle, asOf);
        if (!reading.found()) {
            throw new InvalidInputException("weightKg", "is required: give weightKg and weightMeasuredOn, or in"
                    + " candidateBundle " + reading.missing());
        }
        request.setWeightKg(reading.weight().weightKg());
        request.setWeightMeasuredOn(reading.weight().measuredOn());
    }
}
