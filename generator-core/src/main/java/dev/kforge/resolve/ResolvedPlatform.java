package dev.kforge.resolve;

import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Platform;
import dev.kforge.api.Service;

import java.util.List;
import java.util.Map;

/**
 * A platform made concrete for one target.
 *
 * @param platform the platform as modelled
 * @param target   the base or an environment
 * @param services its services, in model order
 * @param secrets  the platform's ExternalSecrets with the target's store and remote key prefix, in model order
 * @param disabled services the target leaves out ({@code enabled: false}), resolved as if they ran, in model
 *                 order: they have no objects; a Helm chart keeps their values, turned off
 */
public record ResolvedPlatform(Platform platform, Target target, List<ResolvedService> services,
                               List<ExternalSecret> secrets, List<ResolvedService> disabled) {

    public ResolvedPlatform {
        services = List.copyOf(services);
        secrets = List.copyOf(secrets);
        disabled = List.copyOf(disabled);
    }

    /** A target that runs every service. */
    public ResolvedPlatform(Platform platform, Target target, List<ResolvedService> services,
                            List<ExternalSecret> secrets) {
        this(platform, target, services, secrets, List.of());
    }

    /** The labels the platform puts on its tenant's pods here (see {@code Tenancy#podLabels}); none outside a tenant. */
    public Map<String, String> tenantPodLabels() {
        return target.tenant() == null || platform.tenancy() == null ? Map.of()
                : platform.tenancy().podLabels(target.tenant());
    }

    /** True if the target leaves the service {@code name} out. */
    public boolean leavesOut(String name) {
        return disabled.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The models of its services: the platform's and, for a tenant, the tenant's own, in order. */
    public List<Service> models() {
        return services.stream().map(ResolvedService::service).toList();
    }

    /** The model of the service named {@code name} (the platform's or the tenant's own), or {@code null}. */
    public Service model(String name) {
        ResolvedService s = service(name);
        return s == null ? null : s.service();
    }

    /** The resolved service named {@code name}, or {@code null}. */
    public ResolvedService service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
