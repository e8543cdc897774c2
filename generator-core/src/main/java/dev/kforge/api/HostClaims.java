package dev.kforge.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who receives a host's traffic must be unambiguous: in one environment, no two ingress rules may claim the same
 * host and path (with the same path type), and no two tenants running there may share a domain. Otherwise the
 * ingress controller sends the traffic to whichever it picked, and a second service or tenant can take over
 * another's host. Each collision is a problem at the later claim, naming the earlier one.
 *
 * <p>Hosts are worked out as the objects do: a full host as written; a sub-domain label joined with the
 * environment's domain (else the platform's) — in a multi-tenant platform with each tenant's domain — and
 * {@code @} the domain itself. A rule whose domain is not known yet (an environment without one, left to its
 * profile) claims nothing here.
 */
final class HostClaims {

    /** One claim: where in the model, and for a multi-tenant platform which tenant. */
    private record Claim(String at, String tenant) {
    }

    private final Checks c = new Checks();
    private final Map<String, Claim> claims = new HashMap<>();
    /** Collisions reported, so that one found in every environment is reported once. */
    private final java.util.Set<String> reported = new java.util.HashSet<>();
    /** Pairs of tenants already reported for one domain, so their hosts are not reported again. */
    private final Map<String, String> sameDomain = new HashMap<>();

    private HostClaims() {
    }

    /** Checks a platform's parts; throws {@link ModelException} with every collision. */
    static void check(String domain, List<Service> services, List<Environment> environments, Tenancy tenancy,
                      List<Tenant> tenants) {
        HostClaims h = new HostClaims();
        List<String> names = environments.stream().map(Environment::name).toList();
        if (tenancy == null) {
            if (environments.isEmpty()) {
                h.platform("the base", domain, services);
            }
            for (Environment e : environments) {
                h.platform("environment " + e.name(), e.domain() != null ? e.domain() : domain, services);
            }
        } else {
            for (String env : names.isEmpty() ? List.of("the base") : names) {
                List<Tenant> running = tenants.stream().filter(t -> t.environments().isEmpty()
                        || t.environments().contains(env)).toList();
                h.tenants(env.equals("the base") ? env : "environment " + env, services, running);
            }
        }
        h.c.done();
    }

    private void platform(String where, String domain, List<Service> services) {
        claims.clear();
        for (Service s : services) {
            rules(where, "services." + s.name(), s, domain, null);
        }
    }

    private void tenants(String where, List<Service> shared, List<Tenant> running) {
        claims.clear();
        Map<String, Tenant> byDomain = new LinkedHashMap<>();
        for (Tenant t : running) {
            Tenant first = byDomain.putIfAbsent(t.domain().toLowerCase(Locale.ROOT), t);
            if (first != null && sameDomain.putIfAbsent(t.id(), first.id()) == null) {
                c.fail("tenants." + t.id() + ".domain", "'" + Checks.printable(t.domain()) + "' is the domain of "
                        + "tenant " + first.id() + " too (tenants." + first.id() + ".domain); two tenants running in "
                        + where + " cannot share a domain: whichever the ingress controller picks would get the "
                        + "other's traffic. Give each tenant its own domain");
            }
        }
        Map<String, List<String>> fullHosts = new LinkedHashMap<>();
        for (Tenant t : running) {
            for (Service s : shared) {
                rules(where, "services." + s.name(), s, t.domain(), t.id());
                if (s.ingress() != null && running.size() > 1) {
                    s.ingress().rules().stream().filter(r -> !r.isSubdomain()).forEach(r -> fullHosts
                            .computeIfAbsent("services." + s.name() + ".ingress.rules." + r.host(),
                                    k -> new ArrayList<>()).add(t.id()));
                }
            }
            for (Service s : t.services()) {
                rules(where, "tenants." + t.id() + ".services." + s.name(), s, t.domain(), t.id());
            }
        }
        fullHosts.forEach((at, ids) -> c.fail(at, "a full host in a service every tenant runs: the tenants "
                + String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + (ids.size() > 5 ? ", ..." : "")
                + " would all claim it in " + where + "; use '@' (each tenant's domain) or a sub-domain label"));
    }

    private void rules(String where, String at, Service s, String domain, String tenant) {
        if (s.ingress() == null) {
            return;
        }
        for (IngressRule rule : s.ingress().rules()) {
            if (rule.isSubdomain() && domain == null) {
                continue; // resolved, or reported, where the environment's domain is known
            }
            if (!rule.isSubdomain() && tenant != null && !at.startsWith("tenants.")) {
                continue; // a shared service's full host: reported once for all tenants
            }
            String host = rule.hostIn(domain).toLowerCase(Locale.ROOT);
            for (IngressRule.Path p : rule.paths()) {
                String ruleAt = at + ".ingress.rules." + rule.host();
                Claim claim = new Claim(ruleAt + ".paths." + p.path(), tenant);
                Claim earlier = claims.putIfAbsent(host + " " + p.pathType() + " " + p.path(), claim);
                if (earlier != null && !reportedAsOneDomain(earlier, claim)
                        && reported.add(ruleAt + " " + tenant + " " + earlier.at())) {
                    // a shared service is not at fault for a tenant's domain: the tenant is
                    boolean shared = tenant != null && !at.startsWith("tenants.");
                    String failAt = !shared ? ruleAt
                            : "tenants." + tenant + (IngressRule.APEX.equals(rule.host()) ? ".domain" : "");
                    c.fail(failAt, (shared ? "its instance of " + at + " (" + rule.host() + ") claims " : "claims ")
                            + "https://" + host + p.path() + " (" + p.pathType() + ") in " + where + ", which "
                            + earlier.at() + (earlier.tenant() == null || earlier.tenant().equals(tenant) ? ""
                            : " of tenant " + earlier.tenant()) + " claims too; the ingress controller would send "
                            + "the traffic to only one of them: give one another host or path");
                }
            }
        }
    }

    private boolean reportedAsOneDomain(Claim a, Claim b) {
        return a.tenant() != null && b.tenant() != null && (a.tenant().equals(sameDomain.get(b.tenant()))
                || b.tenant().equals(sameDomain.get(a.tenant())));
    }
}
