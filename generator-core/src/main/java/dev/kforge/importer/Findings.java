package dev.kforge.importer;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.emit.Manifests;
import dev.kforge.objects.KubeObject;
import dev.kforge.objects.ObjectFactory;
import dev.kforge.resolve.Resolver;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.ValidationProblem;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The best-practice rules an imported platform does not meet in any of its environments, per service: what
 * {@code k8s:generate} would fail on (prod fails on warnings), to be suppressed in the spec with what was found as
 * the reason, so that the import generates with no edit and says plainly what the application lacks.
 */
final class Findings {

    private static final String SERVICE_LABEL = "app.kubernetes.io/name";

    private Findings() {
    }

    /** Service name to rule id to reason, sorted by service and rule. */
    static Map<String, Object> of(Platform platform) {
        Map<String, Map<String, String>> found = new TreeMap<>();
        Map<String, Environment> profiles = EnvironmentProfiles.builtIn();
        for (Environment env : platform.environments()) {
            List<KubeObject> objects = ObjectFactory.build(Resolver.environment(platform, env, profiles));
            List<Map<String, Object>> trees = objects.stream().map(o -> Manifests.toTree(o.object())).toList();
            Map<String, String> services = new HashMap<>();
            for (KubeObject o : objects) {
                var labels = o.object().getMetadata().getLabels();
                if (labels != null && labels.get(SERVICE_LABEL) != null) {
                    services.put(o.object().getKind() + "/" + o.object().getMetadata().getName(),
                            labels.get(SERVICE_LABEL));
                }
            }
            boolean production = "prod".equals(env.profile()) || "prod".equals(env.name());
            for (ValidationProblem p : PolicyRules.check(trees, env.name(), production, List.of())) {
                String service = services.get(p.kind() + "/" + p.name());
                if (service == null) {
                    continue; // not a service's object: the platform's own, kforge's to get right
                }
                found.computeIfAbsent(service, s -> new TreeMap<>()).putIfAbsent(p.rule(),
                        "imported as it was: " + p.message());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        found.forEach((service, rules) -> out.put(service, new LinkedHashMap<>(rules)));
        return out;
    }
}
