package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} x {1} = {2}")
    @CsvSource({
            "250m, 0.5, 125m",
            "1, 0.5, 500m",
            "1, 2, 2",
            "500m, 2, 1",
            "1.5, 1, 1500m",
            "100m, 0.333, 34m",   // 33.3m rounds up
            "1m, 0.1, 1m",        // never below 1m
            "0, 0.5, 1m",         // never below 1m
            "2, 0.25, 500m",
            "3, 1.5, 4500m",
            // beyond a long's millicores: exact, not an overflow (found by the fuzzer)
            "99999999999999999999, 2, 199999999999999999998",
            "99999999999999999999m, 0.5, 50000000000000000",
    })
    void scaleCpu_whenScaled_thenRoundsUpToWholeMillicoresAndWritesWholeCoresAsCores(String cpu, String factor,
                                                                                    String expected) {
        // given
        BigDecimal f = new BigDecimal(factor);
        // when
        String scaled = Quantities.scaleCpu(cpu, f);
        // then
        assertThat(scaled).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} x {1} = {2}")
    @CsvSource({
            "512Mi, 0.5, 256Mi",
            "1Gi, 0.5, 512Mi",
            "1Gi, 2, 2Gi",
            "512Mi, 2, 1Gi",
            "1.5Gi, 1, 1536Mi",
            "100M, 1, 96Mi",      // 95.37Mi rounds up
            "1Ki, 1, 1Mi",        // never below 1Mi
            "256Mi, 0.001, 1Mi",  // 0.256Mi rounds up to 1Mi
            "300Mi, 0.5, 150Mi",
            "3Gi, 0.5, 1536Mi",
            "10000000000000000Gi, 1, 10000000000000000Gi",  // more Mi than a long holds,
    })
    void scaleMemory_whenScaled_thenRoundsUpToWholeMiAndWritesWholeGiAsGi(String memory, String factor,
                                                                         String expected) {
        // given
        BigDecimal f = new BigDecimal(factor);
        // when
        String scaled = Quantities.scaleMemory(memory, f);
        // then
        assertThat(scaled).isEqualTo(expected);
    }

    @Test
    void amount_whenUnitsDiffer_thenGivesBaseUnits() {
        // given
        String millicores = "250m";
        String mebibytes = "2Mi";
        // when
        BigDecimal cores = Quantities.amount(millicores);
        BigDecimal bytes = Quantities.amount(mebibytes);
        // then
        assertThat(cores).isEqualByComparingTo("0.25");
        assertThat(bytes).isEqualByComparingTo("2097152");
    }

    @Test
    void scaled_whenFactorIsOne_thenSameResources() {
        // given
        Resources resources = new Resources("250m", "1", "100M", "200M");
        // when
        Resources scaled = resources.scaled(BigDecimal.ONE);
        // then
        assertThat(scaled).isSameAs(resources);
    }

    @Test
    void scaled_whenHalved_thenEveryQuantityIsScaled() {
        // given
        Resources resources = new Resources("250m", "1", "256Mi", "1Gi");
        // when
        Resources scaled = resources.scaled(new BigDecimal("0.5"));
        // then
        assertThat(scaled).isEqualTo(new Resources("125m", "500m", "128Mi", "512Mi"));
    }
}
