package org.il7cds.bench;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.il7cds.engine.rules.RuleBundle;

/** A second valid bundle, so that alternating activations each compile different content. */
final class HeapBundles {

    private HeapBundles() {
    }

    /** The packaged rules with only the declared version changed ("1.0.0" becomes "1.0.0-bench"). */
    static RuleBundle variant(RuleBundle packaged) {
        Map<String, String> files = new LinkedHashMap<>();
        packaged.files().forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
        String yaml = files.get("bundle.yaml");
        String changed = yaml.replaceFirst("version:\\s*\"([^\"]*)\"", "version: \"$1-bench\"");
        if (changed.equals(yaml)) {
            throw new IllegalStateException("bundle.yaml has no quoted version to change");
        }
        files.put("bundle.yaml", changed);
        return RuleBundle.of(files, "bench variant");
    }
}
