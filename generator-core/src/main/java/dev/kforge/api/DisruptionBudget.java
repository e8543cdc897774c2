package dev.kforge.api;

/**
 * A PodDisruptionBudget: exactly one of {@code minAvailable} and {@code maxUnavailable}, each a number or a
 * percentage ({@code 1}, {@code 50%}).
 */
public record DisruptionBudget(String minAvailable, String maxUnavailable) {

    public DisruptionBudget {
        new Checks().require((minAvailable == null) != (maxUnavailable == null), "",
                        "set exactly one of minAvailable and maxUnavailable")
                .intOrPercent(minAvailable, "minAvailable").intOrPercent(maxUnavailable, "maxUnavailable").done();
    }

    /** At least {@code count} pods stay available. */
    public static DisruptionBudget minAvailable(int count) {
        return new DisruptionBudget(Integer.toString(count), null);
    }
}
