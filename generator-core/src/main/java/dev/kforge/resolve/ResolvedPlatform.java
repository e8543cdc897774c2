package dev.kforge.resolve;

import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Platform;

import java.util.List;

/**
 * A platform made concrete for one target.
 *
 * @param platform the platform as modelled
 * @param target   the base or an environment
 * @param services its services, in model order
 * @param secrets  the platform's ExternalSecrets with the target's store and remote key prefix, in model order
 */
public record ResolvedPlatform(Platform platform, Target target, List<ResolvedService> services,
                               List<ExternalSecret> secrets) {

    public ResolvedPlatform {
        services = List.copyOf(services);
        secrets = List.copyOf(secrets);
    }

    /** The resolved service named {@code name}, or {@code null}. */
    public ResolvedService service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
