package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtSupportTest {

    @Test
    void rolesFromAListOrASpaceSeparatedStringKnownOnesOnly() {
        assertThat(JwtSupport.roles(Map.of("roles", List.of("screener", "Auditor", "admin", 7)), "roles"))
                .containsExactlyInAnyOrder(Role.SCREENER, Role.AUDITOR);
        assertThat(JwtSupport.roles(Map.of("roles", " pharmacist  informatician "), "roles"))
                .containsExactlyInAnyOrder(Role.PHARMACIST, Role.INFORMATICIAN);
        assertThat(JwtSupport.roles(Map.of("realm_access", Map.of("roles", List.of("auditor"))), "realm_access.roles"))
                .containsExactly(Role.AUDITOR);
        assertThat(JwtSupport.roles(Map.of("roles", Map.of("screener", true)), "roles")).isEmpty();
        assertThat(JwtSupport.roles(Map.of(), "roles")).isEmpty();
        assertThat(JwtSupport.roles(Map.of("roles", "ROLE_screener"), "roles")).isEmpty();
    }

    @Test
    void jwtWithoutAnAudienceDoesNotStart() {
        assertThatThrownBy(() -> JwtSupport.requiringAudience(token -> null, " "))
                .hasMessageContaining("il7cds.security.jwt.audience");
    }

    @Test
    void clientIdsAreSafeToLog() {
        assertThat(ClientIds.sanitize("svc\n2026-01-01 INFO forged line")).doesNotContain("\n", " ");
        assertThat(ClientIds.sanitize("x".repeat(500))).hasSize(64);
    }
}
