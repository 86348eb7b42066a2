package org.il7cds.api.fhir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link FhirProperties} for the FHIR routes and the CDS services. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirProperties.class)
class FhirConfiguration {
}
