package dev.kforge.api;

import java.util.List;

/**
 * One host of an Ingress and the paths it routes. Each rule becomes its own Ingress object.
 *
 * @param host  a full host name ({@code api.example.com}); or, without a dot, a sub-domain label that is joined
 *              with the environment's domain ({@code api} becomes {@code api.staging.example.com}); or {@code @}
 *              for the domain itself (in a multi-tenant platform the domain is the tenant's)
 * @param paths the routed paths; default {@code /} (Prefix) to this service's first port
 */
public record IngressRule(String host, List<Path> paths) {

    /**
     * One routed path.
     *
     * @param path     URL path starting with '/'
     * @param pathType {@code Prefix} (default), {@code Exact} or {@code ImplementationSpecific}
     * @param service  target service name; default the service the ingress belongs to
     * @param port     target port name; default the target service's first port
     */
    public record Path(String path, String pathType, String service, String port) {

        /** How a path matches. */
        public static final List<String> PATH_TYPES = List.of("Prefix", "Exact", "ImplementationSpecific");

        public Path {
            pathType = pathType == null ? "Prefix" : pathType;
            new Checks().required(path, "path")
                    .require(path == null || path.startsWith("/"), "path", "'" + path + "' must start with '/'")
                    .require(PATH_TYPES.contains(pathType), "pathType",
                            "'" + pathType + "' is not Prefix, Exact or ImplementationSpecific")
                    .done();
        }
    }

    public IngressRule {
        paths = paths == null || paths.isEmpty() ? List.of(new Path("/", "Prefix", null, null)) : Copies.list(paths);
        Checks c = new Checks().unique(paths, Path::path, "paths");
        if (!APEX.equals(host)) {
            c.hostName(host, "host");
        }
        c.done();
    }

    /** The host that stands for the domain itself. */
    public static final String APEX = "@";

    /** True if {@link #host()} is a label to join with the environment's domain, or the domain itself. */
    public boolean isSubdomain() {
        return host.indexOf('.') < 0;
    }

    /** {@link #host()} made concrete for {@code domain}. */
    public String hostIn(String domain) {
        if (!isSubdomain()) {
            return host;
        }
        return APEX.equals(host) ? domain : host + "." + domain;
    }
}
