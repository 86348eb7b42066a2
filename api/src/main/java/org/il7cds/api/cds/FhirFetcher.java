package org.il7cds.api.cds;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.il7cds.api.fhir.FhirJson;

/**
 * Fetches prefetch templates the client did not satisfy from its FHIR server, with HAPI FHIR's generic client and
 * the bearer token of {@code fhirAuthorization}: all keys at once, within {@link CdsHooksProperties#fetchBudget()}.
 * A server that cannot be reached, refuses, answers an error or is too slow makes the call a 412; a read the server
 * answers 404 is "no data". Searches follow {@code next} links on the same server only, up to maxPages.
 * Nothing of the answer (it is patient data) and no URL (it names the patient) is logged. The timeouts are set on
 * the client factory of the service's one R4 context ({@link FhirJson#context()}), which only this class uses for
 * clients.
 */
final class FhirFetcher implements AutoCloseable {

    private final CdsHooksProperties properties;
    private final ExecutorService pool;
    private final FhirContext context = FhirJson.context();

    FhirFetcher(CdsHooksProperties properties, ExecutorService pool) {
        this.properties = properties;
        this.pool = pool;
        IRestfulClientFactory factory = context.getRestfulClientFactory();
        // No CapabilityStatement round trip before the first call: the budget is for the data.
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout((int) properties.connectTimeout().toMillis());
        factory.setConnectionRequestTimeout((int) properties.connectTimeout().toMillis());
        factory.setSocketTimeout((int) properties.readTimeout().toMillis());
    }

    /** @param urls prefetch key to relative FHIR URL (tokens replaced) */
    Map<String, Optional<IBaseResource>> fetch(String fhirServer, String bearerToken, Map<String, String> urls) {
        String base = checkedBase(fhirServer);
        IGenericClient client = context.newRestfulGenericClient(base);
        if (bearerToken != null && !bearerToken.isBlank()) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
        }
        long deadline = System.nanoTime() + properties.fetchBudget().toNanos();
        Map<String, Future<Optional<IBaseResource>>> futures = new LinkedHashMap<>();
        urls.forEach((key, url) -> futures.put(key, pool.submit(() -> fetchOne(client, base, url))));
        Map<String, Optional<IBaseResource>> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Future<Optional<IBaseResource>>> f : futures.entrySet()) {
                long left = deadline - System.nanoTime();
                try {
                    out.put(f.getKey(), f.getValue().get(Math.max(left, 0), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new PrefetchUnavailableException("Prefetch keys " + urls.keySet() + " are missing and the"
                            + " FHIR server did not answer within the time budget of "
                            + properties.fetchBudget().toMillis() + " ms.");
                } catch (ExecutionException e) {
                    throw unavailable(urls, f.getKey(), e.getCause());
                } catch (CancellationException e) {
                    throw unavailable(urls, f.getKey(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw unavailable(urls, f.getKey(), e);
                }
            }
        } finally {
            futures.values().forEach(f -> f.cancel(true));
        }
        return out;
    }

    private Optional<IBaseResource> fetchOne(IGenericClient client, String base, String url) {
        if (url.contains("?")) {
            Bundle first = client.search().byUrl(url).returnBundle(Bundle.class).execute();
            Bundle page = first;
            for (int pages = 1; page.getLink(Bundle.LINK_NEXT) != null && pages < properties.maxPages(); pages++) {
                if (!page.getLink(Bundle.LINK_NEXT).getUrl().startsWith(base)) {
                    throw new IllegalStateException("a next link to another server");
                }
                page = client.loadPage().next(page).execute();
                first.getEntry().addAll(page.getEntry());
            }
            if (page.getLink(Bundle.LINK_NEXT) != null) {
                throw new IllegalStateException("more than " + properties.maxPages() + " pages");
            }
            first.getLink().clear();
            return Optional.of(first);
        }
        String[] parts = url.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a read: Type/id");
        }
        try {
            return Optional.of(client.read().resource(parts[0]).withId(parts[1]).execute());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private String checkedBase(String fhirServer) {
        URI uri;
        try {
            uri = URI.create(fhirServer);
        } catch (IllegalArgumentException e) {
            throw new CdsInputException("fhirServer is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CdsInputException("fhirServer must be an http(s) URL");
        }
        String base = fhirServer.endsWith("/") ? fhirServer.substring(0, fhirServer.length() - 1) : fhirServer;
        if (!properties.allowedFhirServers().isEmpty()
                && properties.allowedFhirServers().stream().noneMatch(base::startsWith)) {
            throw new PrefetchUnavailableException("fhirServer is not one this service is configured to fetch from"
                    + " (il7cds.cds-hooks.allowed-fhir-servers).");
        }
        return base;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static PrefetchUnavailableException unavailable(Map<String, String> urls, String key, Throwable cause) {
        String why;
        if (cause instanceof FhirClientConnectionException) { // (a BaseServerResponseException too, status 500)
            why = "the FHIR server could not be reached";
        } else if (cause instanceof BaseServerResponseException r) {
            why = "the FHIR server answered HTTP " + r.getStatusCode() + " for '" + key + "'";
        } else if (cause instanceof InterruptedException || cause instanceof CancellationException) {
            why = "the fetch was interrupted";
        } else {
            why = "the FHIR server's answer for '" + key + "' could not be used";
        }
        return new PrefetchUnavailableException("Prefetch keys " + urls.keySet() + " are missing and " + why + ".");
    }
}
