package dev.kforge.objects;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.TlsSolver;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.validate.readiness.ObjectSet;
import dev.kforge.validate.readiness.Reachability;
import dev.kforge.validate.readiness.Reachability.Endpoint;
import dev.kforge.validate.readiness.Reachability.Port;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under kforge's default deny, what the platform relies on gets through — as the NetworkPolicy API evaluates the
 * generated policies: cert-manager's HTTP-01 solver from the ingress controller, a backing service in the
 * platform's namespace from its dependents and between its own pods, a stateful service's replicas to each other.
 */
class NetworkPolicyAllowsTest {

    private static final Endpoint CONTROLLER = new Endpoint("ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"), List.of());
    private static final Endpoint SOLVER = new Endpoint("shop", Map.of("acme.cert-manager.io/http01-solver", "true"),
            List.of(new Port("http", 8089, "TCP")));

    private static ObjectSet prod(Platform platform) {
        return new ObjectSet(ObjectSets.trees(Kforge.objects(platform, "prod", EnvironmentProfiles.builtIn())));
    }

    private static Endpoint pods(ObjectSet set, String service) {
        return set.workloads().stream().filter(w -> w.name().equals(service)).findFirst().orElseThrow().endpoint();
    }

    @Test
    void policies_whenTheIssuerSolvesHttp01_thenTheControllerReachesTheSolverPodsAndNothingElseDoes() {
        // given
        Reachability r = new Reachability(prod(SamplePlatforms.shop()));
        // when / then
        assertThat(r.allowed(CONTROLLER, SOLVER, 8089, "TCP")).isTrue();
        assertThat(r.allowed(CONTROLLER, SOLVER, 8080, "TCP")).isFalse();
        assertThat(r.allowed(new Endpoint("shop", Map.of(), List.of()), SOLVER, 8089, "TCP")).isFalse();
    }

    @Test
    void policies_whenTheIssuerSolvesDns01_thenNoSolverPolicy() {
        // given
        Platform dns = withSolver(SamplePlatforms.shop(), TlsSolver.DNS01);
        // when
        ObjectSet set = prod(dns);
        // then
        assertThat(set.find("NetworkPolicy", "shop", "allow-acme-solver")).isNull();
        assertThat(new Reachability(set).allowed(CONTROLLER, SOLVER, 8089, "TCP")).isFalse();
    }

    @Test
    void policies_whenABackingServiceIsInstalledInTheNamespace_thenItsDependentsAndItsOwnPodsGetThrough() {
        // given: storefront and nightly-report depend on postgresql, mailer does not
        ObjectSet set = prod(SamplePlatforms.shop());
        Reachability r = new Reachability(set);
        Endpoint postgresql = new Endpoint("shop", Map.of("app.kubernetes.io/name", "postgresql"),
                List.of(new Port(null, 5432, "TCP")));
        // when / then
        assertThat(r.allowed(pods(set, "storefront"), postgresql, 5432, "TCP")).isTrue();
        assertThat(r.allowed(pods(set, "nightly-report"), postgresql, 5432, "TCP")).isTrue();
        assertThat(r.allowed(pods(set, "mailer"), postgresql, 5432, "TCP")).isFalse();
        assertThat(r.allowed(postgresql, postgresql, 5433, "TCP")).isTrue();
    }

    @Test
    void policies_whenAStatefulServiceRunsReplicas_thenTheyReachEachOtherOnTheirPorts() {
        // given
        ObjectSet set = prod(SamplePlatforms.shop());
        Endpoint cart = pods(set, "cart");
        // when / then
        assertThat(new Reachability(set).allowed(cart, cart, 6379, "TCP")).isTrue();
    }

    private static Platform withSolver(Platform p, TlsSolver solver) {
        return new Platform(p.name(), p.namespace(), p.domain(), p.tlsIssuer(), p.ingressNamespace(),
                p.monitoringNamespace(), p.labels(), p.imageRegistry(), p.kubernetesVersion(), p.quota(),
                p.limitRange(), p.tiers(), p.services(), p.environments().stream().map(e -> e.name().equals("prod")
                ? withEnvSolver(e, solver) : e).toList(), p.backingServices(), p.tenancy(), p.tenants(), p.policy(),
                p.secrets(), p.tlsSolver(), p.prerequisites());
    }

    private static Environment withEnvSolver(Environment e, TlsSolver solver) {
        return new Environment(e.name(), e.profile(), e.namespace(), e.domain(), e.tlsIssuer(), e.podSecurity(),
                e.networkPolicies(), e.imageTag(), e.resourceScale(), e.labels(), e.defaults(), e.services(),
                e.quota(), e.secretStore(), e.remoteKeyPrefix(), solver);
    }
}
