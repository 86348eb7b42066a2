package org.il7cds.api.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.il7cds.api.support.TestFhirServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a real HAPI FHIR plain server: reads and searches with the bearer token, a read the server
 * does not have is "no data", and the budget, the allow-list and a refusing server each give a 412.
 */
class FhirFetcherTest {

    private static TestFhirServer server;
    /** A budget generous for a loaded machine. */
    private static FhirFetcher fetcher;
    /** A budget of 500 ms, with a pool of its own (the requests it abandons do not hold up the other tests). */
    private static FhirFetcher hurried;

    @BeforeAll
    static void start() throws Exception {
        server = new TestFhirServer();
        Bundle b = new Bundle();
        b.addEntry().setResource(new Patient().setId("P1"));
        Observation o = new Observation();
        o.setId("o1");
        o.getCode().addCoding().setSystem("http://loinc.org").setCode("24467-3");
        o.setSubject(new Reference("Patient/P1"));
        b.addEntry().setResource(o);
        server.load(b);
        fetcher = new FhirFetcher(new CdsHooksProperties(Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofSeconds(15), 10, List.of("http://127.0.0.1:")), Executors.newFixedThreadPool(4));
        hurried = new FhirFetcher(new CdsHooksProperties(Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofSeconds(15), 10, List.of("http://127.0.0.1:")), Executors.newFixedThreadPool(4));
    }

    @AfterAll
    static void stop() throws Exception {
        fetcher.close();
        hurried.close();
        server.close();
    }

    private static Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("patient", "Patient/P1");
        urls.put("cd4", "Observation?patient=P1&code=http://loinc.org|24467-3,http://loinc.org|8123-2");
        urls.put("other", "Patient/P2");
        return urls;
    }

    @Test
    void readsAndSearchesWithTheToken() {
        Map<String, Optional<IBaseResource>> got = fetcher.fetch(server.base(), TestFhirServer.TOKEN, urls());
        assertThat(got.get("patient")).get().isInstanceOf(Patient.class);
        assertThat(((Bundle) got.get("cd4").orElseThrow()).getEntry()).hasSize(1);
        assertThat(got.get("other")).as("a read the server answers 404: no data").isEmpty();
    }

    @Test
    void aServerSlowerThanTheBudgetIs412() throws Exception {
        try (AutoCloseable held = server.holdAnswers()) {
            assertThatThrownBy(() -> hurried.fetch(server.base(), TestFhirServer.TOKEN, urls()))
                    .isInstanceOf(PrefetchUnavailableException.class).hasMessageContaining("time budget of 500 ms");
        }
    }

    @Test
    void aServerNotAllowedOrRefusingIs412() {
        assertThatThrownBy(() -> fetcher.fetch("https://fhir.elsewhere.example/r4", TestFhirServer.TOKEN, urls()))
                .isInstanceOf(PrefetchUnavailableException.class).hasMessageContaining("allowed-fhir-servers");
        assertThatThrownBy(() -> fetcher.fetch(server.base(), "wrong", urls()))
                .isInstanceOf(PrefetchUnavailableException.class).hasMessageContaining("HTTP 401");
        assertThatThrownBy(() -> fetcher.fetch("ftp://127.0.0.1:1/x", null, urls()))
                .isInstanceOf(CdsInputException.class);
    }
}
