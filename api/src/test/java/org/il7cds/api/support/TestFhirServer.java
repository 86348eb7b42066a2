package org.il7cds.api.support;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.il7cds.api.fhir.FhirJson;

/**
 * A real FHIR R4 server for the tests: HAPI FHIR's plain server (RestfulServer) with in-memory resource providers
 * (read, and search by patient and code), in an embedded Tomcat on a free port of 127.0.0.1, base {@code /fhir}. It
 * answers only requests bearing {@link #TOKEN} (others get 401) and remembers every Authorization header it saw.
 */
public final class TestFhirServer implements AutoCloseable {

    public static final String TOKEN = "test-fhir-access-token";

    private final Tomcat tomcat = new Tomcat();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Store<?>> stores = List.of(
            new Store<>(Patient.class, p -> null, p -> null),
            new Store<>(Observation.class, Observation::getSubject, Observation::getCode),
            new Store<>(Medication.class, m -> null, Medication::getCode),
            new Store<>(MedicationStatement.class, MedicationStatement::getSubject, m -> null),
            new Store<>(MedicationRequest.class, MedicationRequest::getSubject, m -> null),
            new Store<>(ListResource.class, ListResource::getSubject, ListResource::getCode),
            new Store<>(Condition.class, Condition::getSubject, Condition::getCode));
    private final int port;
    private volatile java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(0);

    public TestFhirServer() throws IOException, LifecycleException {
        tomcat.setBaseDir(Files.createTempDirectory("il7cds-fhir-server").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        RestfulServer server = new RestfulServer(FhirJson.context()) {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response)
                    throws ServletException, IOException {
                String authorization = request.getHeader("Authorization");
                authorizations.add(authorization == null ? "" : authorization);
                super.service(request, response);
            }
        };
        server.setResourceProviders(new ArrayList<>(stores));
        Tomcat.addServlet(context, "fhir", server).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
        warmUp();
    }

    /** One request through the whole server, so that the first test's calls do not pay for its start. */
    private void warmUp() throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(base() + "/metadata").toURL()
                .openConnection();
        try {
            c.getResponseCode();
        } finally {
            c.disconnect();
            authorizations.clear();
        }
    }

    /** The base URL, as a CDS request's fhirServer. */
    public String base() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    /** Every resource of this bundle is stored (replacing any of the same type and id). */
    public void load(Bundle bundle) {
        bundle.getEntry().forEach(e -> store(e.getResource()));
    }

    /**
     * Until the returned handle is closed, every request waits (at most 30 s) before it is answered: a server
     * too slow for the caller's time budget.
     */
    public AutoCloseable holdAnswers() {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        hold = latch;
        return latch::countDown;
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource> void store(Resource r) {
        for (Store<?> s : stores) {
            if (s.type.isInstance(r)) {
                Store<T> typed = (Store<T>) s;
                typed.items.removeIf(x -> x.getIdElement().getIdPart().equals(r.getIdElement().getIdPart()));
                typed.items.add((T) r);
                return;
            }
        }
        throw new IllegalArgumentException("no store for " + r.fhirType());
    }

    private void authorize(HttpServletRequest request) {
        try {
            hold.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
            throw new AuthenticationException("a bearer token is required");
        }
    }

    /** The resources of one type: read by id, search by patient (subject) and code (any of a list). */
    public final class Store<T extends Resource> implements IResourceProvider {
        final Class<T> type;
        final List<T> items = new CopyOnWriteArrayList<>();
        private final Function<T, Reference> subject;
        private final Function<T, CodeableConcept> code;

        Store(Class<T> type, Function<T, Reference> subject, Function<T, CodeableConcept> code) {
            this.type = type;
            this.subject = subject;
            this.code = code;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return type;
        }

        @Read
        public IBaseResource read(@IdParam IdType id, HttpServletRequest request) {
            authorize(request);
            return items.stream().filter(r -> r.getIdElement().getIdPart().equals(id.getIdPart())).findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException(id));
        }

        @Search
        public List<IBaseResource> search(@OptionalParam(name = "patient") ReferenceParam patient,
                @OptionalParam(name = "code") TokenOrListParam codes, HttpServletRequest request) {
            authorize(request);
            List<IBaseResource> out = new ArrayList<>();
            for (T r : items) {
                Reference s = subject.apply(r);
                if (patient != null && (s == null || !s.getReferenceElement().getIdPart().equals(patient.getIdPart()))) {
                    continue;
                }
                if (codes != null && !matches(code.apply(r), codes)) {
                    continue;
                }
                out.add(r);
            }
            return out;
        }

        private boolean matches(CodeableConcept cc, TokenOrListParam codes) {
            if (cc == null) {
                return false;
            }
            for (TokenParam t : codes.getValuesAsQueryTokens()) {
                if (cc.getCoding().stream().anyMatch(c -> c.getCode().equals(t.getValue())
                        && (t.getSystem() == null || t.getSystem().equals(c.getSystem())))) {
                    return true;
                }
            }
            return false;
        }
    }
}
