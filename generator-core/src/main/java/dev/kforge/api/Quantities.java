package dev.kforge.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Arithmetic on Kubernetes quantities, for comparisons and environment scaling.
 * Limits: decimal exponents ({@code 1e3}) are not accepted in the model.
 */
public final class Quantities {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal MI = BigDecimal.valueOf(1024L * 1024L);
    private static final BigDecimal MILLI = new BigDecimal("0.001");

    private Quantities() {
    }

    /** The amount in base units (cores, bytes). */
    public static BigDecimal amount(String quantity) {
        return io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                new io.fabric8.kubernetes.api.model.Quantity(quantity));
    }

    /** A CPU quantity multiplied by {@code factor}, in millicores, at least 1m. */
    public static String scaleCpu(String cpu, BigDecimal factor) {
        return cpu(amount(cpu).multiply(factor).max(MILLI));
    }

    /**
     * {@code cores} in whole millicores, rounded up; whole cores as cores ({@code 2}, {@code 750m}). Exact however
     * large: a quantity of the model (or a sum of them) never overflows.
     */
    public static String cpu(BigDecimal cores) {
        BigInteger milli = cores.multiply(THOUSAND).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        BigInteger[] whole = milli.divideAndRemainder(BigInteger.valueOf(1000));
        return whole[1].signum() == 0 ? whole[0].toString() : milli + "m";
    }

    /** A memory quantity multiplied by {@code factor}, in whole Mi (or Gi when exact), at least 1Mi. */
    public static String scaleMemory(String memory, BigDecimal factor) {
        return memory(amount(memory).multiply(factor).max(MI));
    }

    /**
     * {@code bytes} as a memory quantity in whole Mi, rounded up; whole Gi as Gi ({@code 2Gi}, {@code 1536Mi}).
     * Exact however large.
     */
    public static String memory(BigDecimal bytes) {
        BigInteger mi = bytes.divide(MI, 0, RoundingMode.CEILING).toBigIntegerExact();
        if (mi.signum() == 0) {
            return "0";
        }
        BigInteger[] gi = mi.divideAndRemainder(BigInteger.valueOf(1024));
        return gi[1].signum() == 0 ? gi[0] + "Gi" : mi + "Mi";
    }
}
