package dev.kforge.api;

/**
 * A PodDisruptionBudget: exactly one of {@code minAvailable} and {@code maxUnavailable}, each a number or a
 * percentage ({@code 1}, {@code 50%}). A budget that never allows an eviction ({@code maxUnavailable} 0,
 * {@code minAvailable} 100%) is refused: it blocks every node drain. Where an environment runs fewer pods than
 * {@code minAvailable} leaves room for, that environment gets {@code maxUnavailable: 1} (or a {@code minAvailable}
 * one below its fewest pods) instead, so its drains go through too.
 */
public record DisruptionBudget(String minAvailable, String maxUnavailable) {

    public DisruptionBudget {
        new Checks().require((minAvailable == null) != (maxUnavailable == null), "",
                        "set exactly one of minAvailable and maxUnavailable")
                .intOrPercent(minAvailable, "minAvailable").intOrPercent(maxUnavailable, "maxUnavailable")
                .require(!"0".equals(maxUnavailable) && !"0%".equals(maxUnavailable), "maxUnavailable",
                        "0 never lets a node drain evict one of these pods; allow at least 1")
                .require(!"100%".equals(minAvailable), "minAvailable",
                        "100% never lets a node drain evict one of these pods; leave room for at least 1")
                .done();
    }

    /** At least {@code count} pods stay available. */
    public static DisruptionBudget minAvailable(int count) {
        return new DisruptionBudget(Integer.toString(count), null);
    }
}
