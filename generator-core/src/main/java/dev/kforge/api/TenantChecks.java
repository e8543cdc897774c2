package dev.kforge.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of tenants against the platform: a multi-tenant platform has a tenancy section and tenants, and each
 * tenant's tier, environments, namespace and own services fit the platform. One of the stages {@link PlatformChecks}
 * runs; throws {@link ModelException} with every problem it finds.
 */
record TenantChecks(String name, Tenancy tenancy, List<Tier> tiers, List<Service> services,
                    List<Environment> environments, List<BackingService> backingServices, List<Tenant> tenants) {

    void check() {
        if (tenancy == null) {
            new Checks().require(tenants.isEmpty(), "tenants", "tenants need a tenancy section (the namespace "
                    + "prefix and GitOps repository); add one").done();
            return;
        }
        Checks c = new Checks().require(!tenants.isEmpty(), "tenants", "a multi-tenant platform needs at least "
                + "one tenant").unique(tenants, Tenant::id, "tenants");
        Set<String> tierNames = new HashSet<>();
        tiers.forEach(t -> tierNames.add(t.name()));
        Set<String> envNames = new HashSet<>();
        environments.forEach(e -> envNames.add(e.name()));
        String prefix = tenancy.namespacePrefix() != null ? tenancy.namespacePrefix() : name;
        for (Tenant t : tenants) {
            String at = "tenants." + t.id();
            if (!tierNames.contains(t.tier())) {
                c.fail(at + ".tier", "'" + Checks.printable(t.tier()) + "' is not a tier of this platform; "
                        + "known tiers: " + tierNames.stream().sorted().toList());
            }
            t.environments().stream().filter(e -> !envNames.contains(e)).forEach(e -> c.fail(at
                    + ".environments", "'" + Checks.printable(e) + "' is not an environment of this platform; "
                    + Checks.known(envNames, e)));
            if (prefix != null && prefix.length() + 1 + t.id().length() > 63) {
                c.fail(at + ".id", "the namespace " + prefix + "-" + t.id() + " would be longer than 63 "
                        + "characters; shorten the id or the namespace prefix");
            }
            checkOwnServices(c, t, at, tierNames);
        }
        c.done();
    }

    /** A tenant's own services: names apart from the shared ones, references to what its namespace sees. */
    private void checkOwnServices(Checks c, Tenant t, String at, Set<String> tierNames) {
        if (services.isEmpty() && t.services().isEmpty()) {
            c.fail(at + ".services", "the tenant would run nothing: the platform has no shared services and "
                    + "the tenant none of its own; add services or instances");
        }
        Set<String> visible = new HashSet<>();
        services.forEach(s -> visible.add(s.name()));
        backingServices.forEach(b -> visible.add(b.name()));
        for (Service s : t.services()) {
            if (visible.contains(s.name())) {
                c.fail(at + ".services." + s.name(), "has the name of a shared service or backing service of "
                        + "the platform; rename the tenant's service");
            }
        }
        t.services().forEach(s -> visible.add(s.name()));
        for (Service s : t.services()) {
            String sAt = at + ".services." + s.name();
            if (s.tier() != null && !tierNames.contains(s.tier())) {
                c.fail(sAt + ".tier", "'" + Checks.printable(s.tier()) + "' is not a tier of this platform; "
                        + "known tiers: " + tierNames.stream().sorted().toList());
            }
            for (String d : s.dependsOn()) {
                if (d.equals(s.name())) {
                    c.fail(sAt + ".dependsOn", "a service cannot depend on itself");
                } else if (!visible.contains(d)) {
                    c.fail(sAt + ".dependsOn", "'" + Checks.printable(d) + "' is neither a service of the tenant "
                            + "or the platform nor a backing service; fix the name");
                }
            }
        }
    }
}
