package dev.kforge.emit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PodSizingTest {

    @Test
    void pod_whenNativeSidecarsRunBesideTheContainers_thenTheirRequestsAddUpAndAnInitContainerCountsWithThoseBeforeIt() {
        // given a 100m main container, a 50m native sidecar and a 300m init container after it
        var spec = new PodSpecBuilder()
                .withInitContainers(container("proxy", "50m", "Always"), container("migrate", "300m", null))
                .withContainers(container("app", "100m", null)).build();
        // when
        PodSizing.Amounts amounts = PodSizing.pod(spec);
        // then the init container runs with the sidecar: 350m, more than 150m for the sidecar and the app
        assertThat(amounts.cpuRequest()).isEqualByComparingTo(new BigDecimal("0.35"));
    }

    @Test
    void pod_whenOnlyPlainInitContainers_thenTheLargerOfThemAndTheContainers() {
        // given
        var spec = new PodSpecBuilder().withInitContainers(container("wait", "10m", null))
                .withContainers(container("app", "100m", null), container("logs", "50m", null)).build();
        // when / then
        assertThat(PodSizing.pod(spec).cpuRequest()).isEqualByComparingTo(new BigDecimal("0.15"));
    }

    private static Container container(String name, String cpu, String restartPolicy) {
        return new ContainerBuilder().withName(name).withRestartPolicy(restartPolicy).withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("16Mi")))
                .withLimits(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("16Mi"))).endResources().build();
    }
}
