package dev.kforge.validate.readiness;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the readiness analysis takes as given about the cluster and the platform beyond the objects it sees: what
 * exists before they are applied, which certificate issuers solve ACME HTTP-01 challenges, where the ingress
 * controller runs, and which connections the platform needs.
 *
 * <p>For {@code k8s:generate} these come from the model; for {@code k8s:validate} from its parameters and from
 * annotations on the objects ({@value #PREREQUISITES_ANNOTATION}, {@value #DEPENDS_ON_ANNOTATION}).
 *
 * @param prerequisites    objects that exist before these are applied, as {@code Kind/name} ({@code Secret/db});
 *                         a reference to one is not a missing reference
 * @param http01Issuers    cert-manager issuers (Issuer or ClusterIssuer names) that solve ACME challenges over
 *                         HTTP-01; issuers among the objects are read from their own spec as well
 * @param ingressNamespace the ingress controller's namespace; default {@value #DEFAULT_INGRESS_NAMESPACE}
 * @param ingressLabels    the ingress controller pods' labels; default
 *                         {@code app.kubernetes.io/name: ingress-nginx}
 * @param dependencies     connections the platform needs (a service's {@code dependsOn}), beside those the objects'
 *                         {@value #DEPENDS_ON_ANNOTATION} annotations declare
 */
public record Assumptions(Set<String> prerequisites, Set<String> http01Issuers, String ingressNamespace,
                          Map<String, String> ingressLabels, List<Dependency> dependencies) {

    /**
     * On an object, or on its Namespace, what must exist before it is applied: {@code Kind/name} entries separated
     * by commas ({@code Secret/postgresql-auth, ConfigMap/feature-flags}).
     */
    public static final String PREREQUISITES_ANNOTATION = "kforge.dev/prerequisites";

    /**
     * On a workload, the Services it connects to, separated by commas: {@code name}, {@code name:port} or
     * {@code name.namespace:port} ({@code api, postgresql:5432}); the port is the Service's.
     */
    public static final String DEPENDS_ON_ANNOTATION = "kforge.dev/depends-on";

    /** The namespace of the ingress controller when none is given. */
    public static final String DEFAULT_INGRESS_NAMESPACE = "ingress-nginx";

    /** Nothing declared beyond the objects; the ingress controller is ingress-nginx in its usual namespace. */
    public static final Assumptions DEFAULT = new Assumptions(Set.of(), Set.of(), null, null, List.of());

    public Assumptions {
        prerequisites = Set.copyOf(prerequisites);
        http01Issuers = Set.copyOf(http01Issuers);
        ingressNamespace = ingressNamespace == null ? DEFAULT_INGRESS_NAMESPACE : ingressNamespace;
        ingressLabels = ingressLabels == null ? Map.of("app.kubernetes.io/name", "ingress-nginx")
                : Map.copyOf(ingressLabels);
        dependencies = List.copyOf(dependencies);
    }

    /**
     * A connection the platform needs.
     *
     * @param service   the service that connects: its workloads' {@code app.kubernetes.io/name}
     * @param target    what it connects to: a Service's name, or (with {@code labels}) a backing service's
     * @param namespace the target's namespace, or {@code null} for the connecting workload's
     * @param labels    the target pods' labels when no Service among the objects leads to them (a backing service
     *                  installed from a chart), or {@code null} to find them through the Service {@code target}
     * @param ports     the ports it connects to: the Service's (or, with labels, the pods'); empty for every port of
     *                  the Service
     */
    public record Dependency(String service, String target, String namespace, Map<String, String> labels,
                             List<Integer> ports) {

        public Dependency {
            labels = labels == null ? null : Map.copyOf(labels);
            ports = List.copyOf(ports);
        }
    }

    /** These assumptions with {@code more} prerequisites. */
    public Assumptions withPrerequisites(java.util.Collection<String> more) {
        java.util.Set<String> all = new java.util.TreeSet<>(prerequisites);
        all.addAll(more);
        return new Assumptions(all, http01Issuers, ingressNamespace, ingressLabels, dependencies);
    }

    /** These assumptions with {@code issuers} solving HTTP-01 as well. */
    public Assumptions withHttp01Issuers(java.util.Collection<String> issuers) {
        java.util.Set<String> all = new java.util.TreeSet<>(http01Issuers);
        all.addAll(issuers);
        return new Assumptions(prerequisites, all, ingressNamespace, ingressLabels, dependencies);
    }

    /** These assumptions with the ingress controller in {@code namespace}. */
    public Assumptions withIngressNamespace(String namespace) {
        return new Assumptions(prerequisites, http01Issuers, namespace, ingressLabels, dependencies);
    }

    /** These assumptions with {@code more} dependencies. */
    public Assumptions withDependencies(List<Dependency> more) {
        List<Dependency> all = new java.util.ArrayList<>(dependencies);
        all.addAll(more);
        return new Assumptions(prerequisites, http01Issuers, ingressNamespace, ingressLabels, all);
    }
}
