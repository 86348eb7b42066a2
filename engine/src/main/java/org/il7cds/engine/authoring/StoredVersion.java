package org.il7cds.engine.authoring;

import java.time.Instant;

/**
 * A rules version kept in storage: its declared version label (unique), the content hash of its files (unique),
 * where it came from ({@code packaged}, {@code directory}, {@code upload}), and who stored it when. Its files and
 * the validation report it passed are stored with it.
 */
public record StoredVersion(int id, String version, String contentHash, String origin, Instant storedAt,
        String storedBy) {
}
