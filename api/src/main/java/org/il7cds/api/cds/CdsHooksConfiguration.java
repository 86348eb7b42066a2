package org.il7cds.api.cds;

import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The fetcher of the CDS services with its own small thread pool (the fetches of one call run side by side). The
 * pool is not a bean: an Executor bean would displace Spring Boot's application task executor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdsHooksProperties.class)
class CdsHooksConfiguration {

    @Bean(destroyMethod = "close")
    FhirFetcher fhirFetcher(CdsHooksProperties properties) {
        AtomicInteger n = new AtomicInteger();
        return new FhirFetcher(properties, Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "cds-fetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
    }
}
