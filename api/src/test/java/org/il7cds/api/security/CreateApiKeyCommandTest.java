package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateApiKeyCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CreateApiKeyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheKeyOnceAndTheConfigurationWithItsHash() {
        assertThat(run("--client-id=clinic-a", "--roles=screener,Pharmacist")).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> keys = lines.stream().filter(l -> l.startsWith("il7_")).toList();
        assertThat(keys).hasSize(1);
        String key = keys.get(0);
        assertThat(lines).contains("il7cds.security.api-keys[0].client-id=clinic-a",
                "il7cds.security.api-keys[0].hash=" + ApiKeys.hash(key),
                "il7cds.security.api-keys[0].roles=screener,pharmacist",
                "IL7CDS_SECURITY_APIKEYS_0_HASH=" + ApiKeys.hash(key));
        assertThat(String.join("\n", lines).split(java.util.regex.Pattern.quote(key), -1)).hasSize(2);

        // The printed lines configure a key that works.
        ApiKeys configured = ApiKeys.of(List.of(new Il7cdsSecurityProperties.ApiKey("clinic-a", ApiKeys.hash(key),
                List.of("screener", "pharmacist"))));
        assertThat(configured.match(key)).isPresent();
    }

    @Test
    void theIndexCanBeChosen() {
        assertThat(run("--client-id=b", "--roles=auditor", "--index=3")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("il7cds.security.api-keys[3].client-id=b");
    }

    @Test
    void badArgumentsAreRefusedWithUsage() {
        assertThat(run("--client-id=clinic a", "--roles=screener")).isEqualTo(2);
        assertThat(run("--client-id=a", "--roles=admin")).isEqualTo(2);
        assertThat(run("--client-id=a")).isEqualTo(2);
        assertThat(run("--client-id=a", "--roles=screener", "--bogus")).isEqualTo(2);
        assertThat(run("--client-id=a", "--roles=screener", "--index=-1")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("il7_");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:", "known roles");
    }
}
