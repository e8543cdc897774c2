package dev.kforge.importer;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kforge.importer.ContainerSpec.map;
import static dev.kforge.importer.ContainerSpec.putIf;

/**
 * The Ingresses of the input ({@code networking.k8s.io/v1}) as services' {@code ingress}: each goes to the service
 * its first backend is, and a path routing to another service names it. TLS becomes kforge's cert-manager TLS.
 */
final class IngressImport {

    private IngressImport() {
    }

    /**
     * Folds every Ingress into the drafts.
     *
     * @param byAddress the draft offering each Kubernetes Service name of the input
     * @param notes     where notes about Ingresses that belong to no service go
     */
    @SuppressWarnings("unchecked")
    static void fold(ManifestObjects objects, Map<String, Draft> byAddress, Set<ManifestObjects.Entry> used,
                     List<String> notes) {
        for (ManifestObjects.Entry e : objects.of("Ingress", "networking.k8s.io/v1")) {
            Ingress ingress = e.as(Ingress.class);
            if (ingress.getSpec() == null) {
                continue;
            }
            Draft owner = null;
            List<Object> rules = new ArrayList<>();
            for (IngressRule rule : PodImport.nonNull(ingress.getSpec().getRules())) {
                if (rule.getHost() == null || rule.getHttp() == null) {
                    notes.add(e.describe() + ": a rule without host or paths is not carried over; kforge routes "
                            + "hosts");
                    continue;
                }
                List<Object> paths = new ArrayList<>();
                for (HTTPIngressPath path : PodImport.nonNull(rule.getHttp().getPaths())) {
                    var backend = path.getBackend() == null ? null : path.getBackend().getService();
                    Draft target = backend == null ? null : byAddress.get(backend.getName());
                    if (target == null) {
                        notes.add(e.describe() + ": path " + path.getPath() + " routes to "
                                + (backend == null ? "a resource" : "Service " + backend.getName())
                                + ", which is no imported service; left out");
                        continue;
                    }
                    owner = owner == null ? target : owner;
                    String port = null;
                    if (backend.getPort() != null) {
                        port = backend.getPort().getNumber() != null
                                ? target.servicePortNames.get(backend.getPort().getNumber())
                                : backend.getPort().getName();
                    }
                    paths.add(map("path", path.getPath() == null ? "/" : path.getPath(), "pathType",
                            "Prefix".equals(path.getPathType()) ? null : path.getPathType(),
                            "service", target == owner ? null : target.name, "port", port));
                }
                if (!paths.isEmpty()) {
                    rules.add(map("host", rule.getHost(), "paths", paths));
                }
            }
            if (ingress.getSpec().getDefaultBackend() != null) {
                notes.add(e.describe() + ": the default backend is not carried over");
            }
            if (owner == null) {
                continue;
            }
            used.add(e);
            Map<String, Object> m = owner.section("ingress");
            if (m.containsKey("rules")) {
                ((List<Object>) m.get("rules")).addAll(rules);
                owner.note(e.describe() + " is merged into the service's ingress; its class and annotations "
                        + "are the first Ingress's");
                continue;
            }
            putIf(m, "className", ingress.getSpec().getIngressClassName());
            m.put("rules", rules);
            boolean tls = ingress.getSpec().getTls() != null && !ingress.getSpec().getTls().isEmpty();
            if (!tls) {
                m.put("tls", false);
            } else {
                owner.note(e.describe() + ": TLS comes from cert-manager now (the platform's tlsIssuer), in "
                        + "Secrets kforge names, not from the Secrets the Ingress named");
            }
            Map<String, String> annotations = new LinkedHashMap<>();
            if (ingress.getMetadata().getAnnotations() != null) {
                // the issuer is kforge's setting (platform.tlsIssuer), not an annotation of the service
                ingress.getMetadata().getAnnotations().forEach((k, v) -> {
                    if (!k.startsWith("cert-manager.io/")) {
                        annotations.put(k, v);
                    }
                });
            }
            putIf(m, "annotations", annotations);
            if (!e.name().equals(owner.name)) {
                owner.note(e.describe() + " becomes kforge's Ingress of " + owner.name);
            }
        }
    }
}
