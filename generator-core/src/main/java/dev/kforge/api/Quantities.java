package dev.kforge.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Arithmetic on Kubernetes quantities, for comparisons and environment scaling.
 * Limits: decimal exponents ({@code 1e3}) are not accepted in the model.
 */
public final class Quantities {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal MI = BigDecimal.valueOf(1024L * 1024L);

    private Quantities() {
    }

    /** The amount in base units (cores, bytes). */
    public static BigDecimal amount(String quantity) {
        return io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                new io.fabric8.kubernetes.api.model.Quantity(quantity));
    }

    /** A CPU quantity multiplied by {@code factor}, in millicores, at least 1m. */
    public static String scaleCpu(String cpu, BigDecimal factor) {
        long milli = amount(cpu).multiply(THOUSAND).multiply(factor).setScale(0, RoundingMode.CEILING).longValueExact();
        milli = Math.max(1, milli);
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }

    /** A memory quantity multiplied by {@code factor}, in whole Mi (or Gi when exact), at least 1Mi. */
    public static String scaleMemory(String memory, BigDecimal factor) {
        long mi = amount(memory).multiply(factor).divide(MI, 0, RoundingMode.CEILING).longValueExact();
        mi = Math.max(1, mi);
        return mi % 1024 == 0 ? (mi / 1024) + "Gi" : mi + "Mi";
    }
}
