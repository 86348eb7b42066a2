package org.il7cds.api.cds;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code il7cds.cds-hooks.*}: how the CDS services fetch what the prefetch lacks.
 *
 * @param fetchBudget the time all fetches of one call may take together (CDS Hooks asks for answers in about a
 *     second); past it the call is a 412
 * @param connectTimeout connecting to the client's FHIR server
 * @param readTimeout waiting for each answer of the FHIR server
 * @param maxPages the most pages of one search followed through {@code next} links
 * @param allowedFhirServers URL prefixes {@code fhirServer} must start with; empty: any http(s) URL (set this in
 *     production: the service calls the URL the client names)
 */
@ConfigurationProperties("il7cds.cds-hooks")
public record CdsHooksProperties(@DefaultValue("3s") Duration fetchBudget, @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout, @DefaultValue("10") int maxPages,
        @DefaultValue List<String> allowedFhirServers) {
}
