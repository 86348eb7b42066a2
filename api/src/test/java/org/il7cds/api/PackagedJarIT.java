package org.il7cds.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The production jar (run after the package phase) holds the service and nothing of the bench build: the no-rules
 * baseline endpoint lives in bench/ only (bench/load.sh adds it to the class path).
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "il7cds-api.jar");

    @Test
    void theServiceJarHoldsNoBenchmarkCode() throws IOException {
        assertThat(JAR).exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> entries = jar.stream().map(e -> e.getName()).toList();
            assertThat(entries).contains("BOOT-INF/classes/org/il7cds/api/Il7cdsApiApplication.class");
            assertThat(entries).noneMatch(e -> e.contains("/bench/") || e.contains("Baseline")
                    || e.startsWith("BOOT-INF/lib/il7cds-bench"));
        }
        assertThat(Files.size(JAR)).isPositive();
    }
}
