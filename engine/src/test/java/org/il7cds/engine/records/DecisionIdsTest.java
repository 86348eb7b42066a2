package org.il7cds.engine.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        Instant at = Instant.parse("2026-12-01T23:30:00.123Z");
        UUID id = UUID.fromString(DecisionIds.next(Clock.fixed(at, ZoneOffset.UTC)));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
        assertThat(id.toString()).hasSize(36);
    }

    @Test
    void idsSortAsTextByTheirMillisecond() {
        List<String> ids = new ArrayList<>();
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < 200; i++) {
            ids.add(DecisionIds.next(Clock.fixed(at.plusMillis(i * 37L), ZoneOffset.UTC)));
        }
        assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(DecisionIds.next(clock));
        }
        assertThat(ids).hasSize(1_000);
    }

    @Test
    void theRandomBitsFillAllButTheTimeTheVersionAndTheVariant() {
        UUID id = DecisionIds.version7(0x0123456789ABL, 0xFFFF_FFFF_FFFF_F372L, 0xE567_0E02_B2C3_D479L);

        assertThat(id.toString()).isEqualTo("01234567-89ab-7372-a567-0e02b2c3d479");
    }
}
