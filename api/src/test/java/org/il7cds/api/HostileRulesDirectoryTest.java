package org.il7cds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RulesLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up with {@code --rules.dir} on a hostile bundle: the rules the service starts on pass the sandbox like any
 * other, so it refuses to start, naming the file and line (the same error stops the application context).
 */
class HostileRulesDirectoryTest {

    @Test
    void theServiceDoesNotStartOnAHostileRulesDirectory(@TempDir Path dir) throws IOException {
        RuleBundle.fromClasspath().files().forEach((path, bytes) -> {
            try {
                Files.createDirectories(dir.resolve(path).getParent());
                Files.write(dir.resolve(path), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path marker = dir.resolve("ran");
        Files.writeString(dir.resolve("protocols/levy-2009/hostile.drl"), """
                package il7cds.levy2009;
                import org.il7cds.engine.eligibility.AsOf;
                rule "run a command at start-up" @source("test") when AsOf() then
                    Runtime.getRuntime().exec(new String[] {"touch", "%s"});
                end
                """.formatted(marker));

        RulesLoadException refused = catchThrowableOfType(RulesLoadException.class,
                () -> new EngineConfiguration.RulesPreload(dir.toString()).await());

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith("the rules cannot be loaded:")
                .contains("protocols/levy-2009/hostile.drl:4: 'Runtime' is not allowed");
        assertThat(marker).doesNotExist();
    }
}
