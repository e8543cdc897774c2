package dev.kforge.validate.readiness;

import dev.kforge.api.BackingService;
import dev.kforge.api.Platform;
import dev.kforge.api.Prerequisite;
import dev.kforge.api.Service;
import dev.kforge.api.TlsSolver;
import dev.kforge.resolve.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the model says beyond the objects of one target (an environment, or a tenant in one): the ingress
 * controller's namespace, the connections {@code dependsOn} declares (to services through their Service, to backing
 * services through their pods' labels), whether the target's issuer solves HTTP-01, and the prerequisites the
 * platform declares.
 */
public final class PlatformAssumptions {

    private PlatformAssumptions() {
    }

    /**
     * The assumptions of one target's objects.
     *
     * @param services the services of the target: the platform's, and a tenant's own
     */
    public static Assumptions of(Platform platform, Target target, List<Service> services) {
        List<Assumptions.Dependency> dependencies = new ArrayList<>();
        for (Service s : services) {
            for (String dependency : s.dependsOn()) {
                Service depended = services.stream().filter(x -> x.name().equals(dependency)).findFirst()
                        .orElse(null);
                BackingService b = depended == null ? platform.backingService(dependency) : null;
                if (depended != null) {
                    // a dependent reaches the ports a service serves (a dedicated metrics port is Prometheus' only)
                    List<Integer> served = depended.servedPorts().stream().map(dev.kforge.api.Port::port).toList();
                    if (!served.isEmpty()) {
                        dependencies.add(new Assumptions.Dependency(s.name(), dependency, null, null, served));
                    }
                } else if (b != null) {
                    dependencies.add(new Assumptions.Dependency(s.name(), b.name(), b.namespace(), b.selector(),
                            b.ports()));
                }
            }
        }
        return Assumptions.DEFAULT.withIngressNamespace(platform.ingressNamespace())
                .withHttp01Issuers(target.tlsSolver() == TlsSolver.HTTP01 ? Set.of(target.tlsIssuer()) : Set.of())
                .withPrerequisites(platform.prerequisites().stream().map(Prerequisite::reference).toList())
                .withDependencies(dependencies);
    }
}
