package org.il7cds.api.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Authentication: API keys (hashes in {@code il7cds.security.api-keys}) and, when Spring's
 * resource server is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri}), bearer JWTs with the required audience. Both can be active together. Stateless: no
 * session, no cookie, so no CSRF token either.
 *
 * <p>Authorization, deny by default (a path not listed here is refused, 401 without and 403 with a credential):
 * <table>
 * <caption>roles per operation</caption>
 * <tr><th>operation</th><th>roles</th></tr>
 * <tr><td>/v1/eligibility/**</td><td>screener, pharmacist</td></tr>
 * <tr><td>/v1/dosing/**</td><td>pharmacist</td></tr>
 * <tr><td>/v1/course/** (re-treatment decisions, on-treatment monitoring)</td><td>screener</td></tr>
 * <tr><td>GET /v1/protocols, /v1/protocols/**, GET /v1/rules/version</td><td>any authenticated caller</td></tr>
 * <tr><td>GET /v1/rules/versions[/{id}], /v1/rules/diffs, /v1/rules/proposals[/{id}] (the rules audit)</td>
 * <td>informatician, auditor</td></tr>
 * <tr><td>/v1/rules/** (the rest)</td><td>informatician</td></tr>
 * <tr><td>GET /v1/decisions, /v1/decisions/** (records, chain verification)</td><td>auditor</td></tr>
 * <tr><td>POST /v1/decisions/{id}/replay</td><td>auditor, informatician</td></tr>
 * <tr><td>POST /v1/decisions/purges</td><td>custodian</td></tr>
 * <tr><td>GET /actuator/prometheus</td><td>auditor</td></tr>
 * <tr><td>GET /cds-services, POST /cds-services/{id} (CDS Hooks; a chain of its own, {@link #cdsHooksSecurity})</td>
 * <td>a CDS client's signed JWT, or screener</td></tr>
 * <tr><td>health, /openapi.yaml, /v3/api-docs, Swagger UI, the pages and their assets</td><td>public</td></tr>
 * </table>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({Il7cdsSecurityProperties.class, Il7cdsSecurityProperties.RateLimit.class,
    Il7cdsSecurityProperties.Cors.class, CdsHooksSecurityProperties.class})
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/openapi.yaml", "/v3/api-docs",
        "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};

    /** The pages (/, /screening, /pharmacy) and their scripts and styles: they hold no data, the API calls do. */
    static final String[] PAGES = {"/", "/screening", "/pharmacy", "/assets/**"};

    /** The pages run only the service's own scripts and styles (no inline code, no other origin). */
    static final String PAGES_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Swagger UI's page loads its own scripts and styles and draws icons from data: URIs. */
    static final String SWAGGER_UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    /** Everything else is data, never a document: nothing may run or load in it. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Bean
    ApiKeys apiKeys(Il7cdsSecurityProperties properties) {
        ApiKeys keys = ApiKeys.of(properties.apiKeys());
        if (keys.isEmpty()) {
            log.warn("No API key is configured: only the public endpoints (health, /openapi.yaml, Swagger UI) answer."
                    + " Create the first key with: java -jar il7cds-api.jar create-api-key --client-id=<id>"
                    + " --roles=<screener|pharmacist|informatician|auditor|custodian,...> and add the il7cds.security.api-keys"
                    + " lines it prints to the configuration.");
        } else {
            log.info("{} API key(s) configured, for clients {}", keys.size(),
                    keys.clients().stream().map(ApiKeys.Client::clientId).toList());
        }
        return keys;
    }

    /** 401, 403, 429 and the firewall's refusals (a bean, so that Spring Security's firewall uses it too). */
    @Bean
    ProblemResponses problemResponses(JsonMapper json, ObjectProvider<JwtDecoder> jwtDecoder) {
        return new ProblemResponses(json, jwtDecoder.getIfAvailable() != null);
    }

    /** One token bucket per client, shared by both chains. */
    @Bean
    TokenBuckets tokenBuckets(Il7cdsSecurityProperties.RateLimit rateLimit) {
        return new TokenBuckets(rateLimit, System::nanoTime);
    }

    @Bean
    CdsClientJwtVerifier cdsClientJwtVerifier(CdsHooksSecurityProperties properties) {
        CdsClientJwtVerifier verifier = new CdsClientJwtVerifier(properties, java.time.Clock.systemUTC());
        if (verifier.enabled()) {
            log.info("CDS Hooks client JWTs accepted from {} client(s), audience base {}", properties.clients().size(),
                    properties.serviceBaseUrl());
        }
        return verifier;
    }

    /**
     * /cds-services (CDS Hooks 2.0): a chain of its own, before the API's, so that a CDS client's bearer JWT is
     * verified against its own configured JWK set ({@link CdsHooksJwtFilter}), not as the API's OAuth2 token. An
     * API key with the screener role works too.
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain cdsHooksSecurity(HttpSecurity http, ApiKeys apiKeys, CdsClientJwtVerifier verifier,
            Il7cdsSecurityProperties.RateLimit rateLimit, TokenBuckets buckets, JsonMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json, verifier.enabled());
        stateless(http.securityMatcher("/cds-services", "/cds-services/**"), problems)
                .cors(c -> c.disable())
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/cds-services").hasAnyAuthority(Role.SCREENER.authority(),
                                CdsClientAuthentication.AUTHORITY)
                        .requestMatchers(HttpMethod.POST, "/cds-services/*").hasAnyAuthority(
                                Role.SCREENER.authority(), CdsClientAuthentication.AUTHORITY)
                        .anyRequest().denyAll())
                .headers(h -> h
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(c -> c.policyDirectives(API_CSP)))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new CdsHooksJwtFilter(verifier, problems), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new RateLimitFilter(buckets, rateLimit.enabled(), problems), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys apiKeys, Il7cdsSecurityProperties properties,
            Il7cdsSecurityProperties.RateLimit rateLimit, Il7cdsSecurityProperties.Cors cors,
            ObjectProvider<JwtDecoder> jwtDecoder, ProblemResponses problems, TokenBuckets buckets) throws Exception {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();

        stateless(http, problems)
                .authorizeHttpRequests(a -> a
                        // Error dispatches render the problem of a request already decided on.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC).permitAll()
                        .requestMatchers(HttpMethod.GET, PAGES).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole(Role.AUDITOR.id())
                        .requestMatchers("/v1/eligibility/**").hasAnyRole(Role.SCREENER.id(), Role.PHARMACIST.id())
                        .requestMatchers("/v1/dosing/**").hasRole(Role.PHARMACIST.id())
                        .requestMatchers("/v1/course/**").hasRole(Role.SCREENER.id())
                        .requestMatchers(HttpMethod.GET, "/v1/protocols", "/v1/protocols/**").authenticated()
                        .requestMatchers(HttpMethod.GET, "/v1/rules/version").authenticated()
                        .requestMatchers(HttpMethod.GET, "/v1/rules/versions", "/v1/rules/versions/*",
                                "/v1/rules/diffs", "/v1/rules/proposals", "/v1/rules/proposals/*")
                                .hasAnyRole(Role.INFORMATICIAN.id(), Role.AUDITOR.id())
                        .requestMatchers("/v1/rules", "/v1/rules/**").hasRole(Role.INFORMATICIAN.id())
                        .requestMatchers(HttpMethod.GET, "/v1/decisions", "/v1/decisions/**").hasRole(Role.AUDITOR.id())
                        .requestMatchers(HttpMethod.POST, "/v1/decisions/*/replay")
                                .hasAnyRole(Role.AUDITOR.id(), Role.INFORMATICIAN.id())
                        .requestMatchers(HttpMethod.POST, "/v1/decisions/purges").hasRole(Role.CUSTODIAN.id())
                        // The bench build's no-rules baseline (bench/, never in this jar; bench/load.sh adds it to the class path).
                        .requestMatchers(HttpMethod.POST, "/bench/baseline/**").authenticated()
                        .anyRequest().denyAll())
                .headers(h -> h
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swaggerUi(),
                                new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_CSP)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(pages(),
                                new ContentSecurityPolicyHeaderWriter(PAGES_CSP)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(new OrRequestMatcher(swaggerUi(), pages())),
                                new ContentSecurityPolicyHeaderWriter(API_CSP))))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new RateLimitFilter(buckets, rateLimit.enabled(),
                        problems), AuthorizationFilter.class);

        if (cors.allowedOrigins().isEmpty()) {
            http.cors(c -> c.disable());
        } else {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(cors.allowedOrigins());
            config.setAllowedMethods(List.of("GET", "POST"));
            config.setAllowedHeaders(List.of("Authorization", ApiKeyAuthenticationFilter.HEADER, "Content-Type", "Accept"));
            config.setExposedHeaders(List.of("Retry-After", "WWW-Authenticate", "Content-Disposition"));
            config.setAllowCredentials(false);
            config.setMaxAge(3600L);
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/v1/**", config);
            http.cors(c -> c.configurationSource(source));
            log.info("CORS allowed for origins {}", cors.allowedOrigins());
        }

        if (decoder != null) {
            JwtDecoder withAudience = JwtSupport.requiringAudience(decoder, properties.jwt().audience());
            http.oauth2ResourceServer(o -> o
                    .jwt(j -> j.decoder(withAudience).jwtAuthenticationConverter(JwtSupport.authentication(properties.jwt())))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
            log.info("Bearer JWT authentication on: audience '{}', roles from claim '{}'", properties.jwt().audience(),
                    properties.jwt().rolesClaim());
        }
        return http.build();
    }

    /** Both chains: no session, cookie, CSRF token, form or basic login; refusals are problems. */
    private static HttpSecurity stateless(HttpSecurity http, ProblemResponses problems) throws Exception {
        return http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }

    private static RequestMatcher pages() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(java.util.Arrays.stream(PAGES).map(p -> (RequestMatcher) paths.matcher(p)).toList());
    }

    private static RequestMatcher swaggerUi() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(paths.matcher("/swagger-ui/**"), paths.matcher("/swagger-ui.html"));
    }
}
