package org.il7cds.engine.authoring;

import java.time.Instant;

/**
 * One activation in the service's history: which rules (declared version and content hash), when, by whom,
 * and from where ("packaged", "upload", "rollback to #2").
 */
public record RulesVersion(int id, String version, String contentHash, Instant activatedAt, String activatedBy,
        String origin) {
}
