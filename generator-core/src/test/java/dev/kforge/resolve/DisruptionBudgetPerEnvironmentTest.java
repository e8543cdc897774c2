package dev.kforge.resolve;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.ServiceOverride;
import dev.kforge.spec.EnvironmentProfiles;
import org.junit.jupiter.api.Test;

import static dev.kforge.testing.Models.web;
import static dev.kforge.testing.Models.worker;
import static org.assertj.core.api.Assertions.assertThat;

/** A disruption budget each environment can honour: one pod may always go at the fewest pods it runs. */
class DisruptionBudgetPerEnvironmentTest {

    private static DisruptionBudget budget(DisruptionBudget modelled, int min, int max) {
        Platform platform = Platform.builder("shop")
                .service(web("web").autoscaling(Autoscaling.cpu(3, 10, 70)).disruptionBudget(modelled).build())
                .environment(Environment.builder("env").service("web", ServiceOverride.range(min, max)).build())
                .build();
        return Resolver.environment(platform, platform.environments().get(0), EnvironmentProfiles.builtIn())
                .service("web").disruptionBudget();
    }

    @Test
    void disruptionBudget_whenTheFloorLeavesRoom_thenTheModelsBudget() {
        // when / then
        assertThat(budget(DisruptionBudget.minAvailable(2), 3, 10)).isEqualTo(DisruptionBudget.minAvailable(2));
        assertThat(budget(new DisruptionBudget("50%", null), 3, 10)).isEqualTo(new DisruptionBudget("50%", null));
        assertThat(budget(new DisruptionBudget(null, "1"), 1, 2)).isEqualTo(new DisruptionBudget(null, "1"));
    }

    @Test
    void disruptionBudget_whenMinAvailableReachesTheFloor_thenOneBelowItOrMaxUnavailableOne() {
        // when / then: 2 of at least 2 pods leaves no room; 2 of at least 1 neither, and 50% of 1 pod is 1 pod
        assertThat(budget(DisruptionBudget.minAvailable(2), 2, 4)).isEqualTo(DisruptionBudget.minAvailable(1));
        assertThat(budget(DisruptionBudget.minAvailable(2), 1, 2)).isEqualTo(new DisruptionBudget(null, "1"));
        assertThat(budget(new DisruptionBudget("50%", null), 1, 3)).isEqualTo(new DisruptionBudget(null, "1"));
        assertThat(budget(new DisruptionBudget("60%", null), 2, 3)).isEqualTo(new DisruptionBudget(null, "1"));
    }

    @Test
    void disruptionBudget_whenFixedReplicas_thenTheyAreTheFloor() {
        // given
        Platform platform = Platform.builder("shop")
                .service(worker("mailer").replicas(1).disruptionBudget(DisruptionBudget.minAvailable(1)).build())
                .build();
        // when
        ResolvedService mailer = Resolver.base(platform).service("mailer");
        // then
        assertThat(mailer.fewestPods()).isEqualTo(1);
        assertThat(mailer.mostPods()).isEqualTo(1);
        assertThat(mailer.disruptionBudget()).isEqualTo(new DisruptionBudget(null, "1"));
    }
}
