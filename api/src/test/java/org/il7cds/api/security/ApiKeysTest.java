package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static Il7cdsSecurityProperties.ApiKey key(String id, String hash, String... roles) {
        return new Il7cdsSecurityProperties.ApiKey(id, hash, List.of(roles));
    }

    @Test
    void theHashIsSha256OfTheKeyInHex() {
        // echo -n abc | sha256sum
        assertThat(ApiKeys.hash("abc")).isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void newKeysAreLongRandomAndPrefixed() {
        SecureRandom random = new SecureRandom();
        String a = ApiKeys.newKey(random);
        String b = ApiKeys.newKey(random);
        assertThat(a).startsWith("il7_").hasSize(47).matches("il7_[A-Za-z0-9_-]{43}").isNotEqualTo(b);
    }

    @Test
    void aConfiguredKeyMatchesByItsHashOnly() {
        String k1 = ApiKeys.newKey(new SecureRandom());
        String k2 = ApiKeys.newKey(new SecureRandom());
        ApiKeys keys = ApiKeys.of(List.of(key("clinic-a", ApiKeys.hash(k1), "screener"),
                key("pharmacy", ApiKeys.hash(k2).toUpperCase().replace("SHA256:", "sha256:"), "pharmacist", "SCREENER")));
        assertThat(keys.match(k1)).hasValueSatisfying(c -> {
            assertThat(c.clientId()).isEqualTo("clinic-a");
            assertThat(c.roles()).containsExactly(Role.SCREENER);
        });
        assertThat(keys.match(k2)).hasValueSatisfying(c -> assertThat(c.roles())
                .isEqualTo(Set.of(Role.PHARMACIST, Role.SCREENER)));
        assertThat(keys.match(k1 + " ")).isEmpty();
        assertThat(keys.match(ApiKeys.hash(k1))).isEmpty();
        assertThat(keys.match("")).isEmpty();
        assertThat(keys.match(null)).isEmpty();
        assertThat(keys.match("x".repeat(100_000))).isEmpty();
    }

    @Test
    void noKeyConfiguredMatchesNothing() {
        ApiKeys keys = ApiKeys.of(List.of());
        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.match("il7_anything")).isEmpty();
    }

    @Test
    void aDoubtfulConfigurationStopsTheService() {
        String h = ApiKeys.hash("k");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key("a", "k", "screener")))).hasMessageContaining("hash");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key("a", h.substring(7), "screener")))).hasMessageContaining("hash");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key("a", null, "screener")))).hasMessageContaining("hash");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key("a", h)))).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key("a", h, "admin")))).hasMessageContaining("unknown role 'admin'");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key(null, h, "screener")))).hasMessageContaining("client-id");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key("a b", h, "screener")))).hasMessageContaining("client-id");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key("a", h, "screener"), key("a", ApiKeys.hash("j"), "auditor"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ApiKeys.of(List.of(key("a", h, "screener"), key("b", h, "auditor"))))
                .hasMessageContaining("another configured key");
    }
}
