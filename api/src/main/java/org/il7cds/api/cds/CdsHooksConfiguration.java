package org.il7cds.api.cds;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.il7cds.api.generated.model.CdsHookRequestDto;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The fetcher of the CDS services with its own small thread pool (the fetches of one call run side by side). The
 * pool is not a bean: an Executor bean would displace Spring Boot's application task executor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdsHooksProperties.class)
class CdsHooksConfiguration {

    /**
     * A prefetch key whose value is null is the client saying "no data" (CDS Hooks 2.0), not a missing value: the
     * API's strict reading refuses nulls inside maps and arrays everywhere else, and keeps them here.
     */
    @Bean
    JsonMapperBuilderCustomizer cdsPrefetchNulls() {
        return builder -> builder.addMixIn(CdsHookRequestDto.class, PrefetchNulls.class);
    }

    abstract static class PrefetchNulls {
        @JsonSetter(contentNulls = Nulls.SET)
        Map<String, Object> prefetch;

        @JsonSetter(contentNulls = Nulls.SET)
        abstract void setPrefetch(Map<String, Object> prefetch);
    }

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
