package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a dose volume across injection sites: n = ceil(volume / maximum per site) sites (more if rounding to
 * the graduation would push one over the maximum), an equal split in whole graduations, the remaining
 * graduations one each on the first sites, so the sites add up to the dose volume exactly.
 */
final class InjectionSites {

    private InjectionSites() {
    }

    static List<InjectionSite> split(BigDecimal volumeMl, BigDecimal maxPerSiteMl, BigDecimal graduationMl) {
        int scale = Math.max(0, graduationMl.stripTrailingZeros().scale());
        if (maxPerSiteMl == null || volumeMl.compareTo(maxPerSiteMl) <= 0) {
            return List.of(new InjectionSite(1, volumeMl));
        }
        // volumeMl was rounded to the graduation, so this division is exact.
        long graduations = volumeMl.divide(graduationMl).longValueExact();
        long sites = volumeMl.divide(maxPerSiteMl, 0, RoundingMode.CEILING).longValueExact();
        while (BigDecimal.valueOf(ceilDiv(graduations, sites)).multiply(graduationMl).compareTo(maxPerSiteMl) > 0) {
            sites++;
        }
        long base = graduations / sites;
        long remainder = graduations % sites;
        List<InjectionSite> out = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            long g = base + (i < remainder ? 1 : 0);
            out.add(new InjectionSite(i + 1, BigDecimal.valueOf(g).multiply(graduationMl).setScale(scale,
                    RoundingMode.UNNECESSARY)));
        }
        return out;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
