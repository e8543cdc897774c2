package dev.kforge.resolve;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a target runs that differs from the values the user wrote at each service: resources an environment's
 * {@code resourceScale} scaled (a {@code dev} profile halves them) or an override replaced, replicas and autoscaling
 * ranges an environment set, variables a profile, an override or the tenancy added or set, services left out. One
 * line per target, so that a generate run's summary says what the profiles did with the user's values.
 *
 * <p>The line is deterministic (services and variables in sorted order) and short: a part names at most
 * {@value #NAMED} services, then counts the rest; variables are named, never their values. A tenant root's replicas
 * and resources come from each tenant's tier, so for tenant roots only the tier-independent changes are listed.
 */
public final class ValueChanges {

    /** Services a part of the line names before it counts the rest. */
    static final int NAMED = 5;

    private ValueChanges() {
    }

    /**
     * The changes {@code resolved} makes to its services' own values, as one line
     * ({@code dev (profile dev) changes your values: resources scaled by 0.5 for web, worker; replicas of worker 3 -> 1;
     * variable LOG_LEVEL added to web, worker}), or {@code null} when it runs them as written.
     *
     * @param label the target as the summary names it ({@code dev}, {@code tenants/dev})
     * @param profile the environment's profile, or {@code null}
     * @param scale the environment's resource scale (1 for none)
     */
    public static String line(String label, String profile, ResolvedPlatform resolved, BigDecimal scale) {
        boolean tenantRoot = resolved.target().tenant() != null;
        List<String> scaled = new ArrayList<>();
        List<String> resized = new ArrayList<>();
        List<String> replicas = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        Map<String, List<String>> added = new LinkedHashMap<>();
        Map<String, List<String>> set = new LinkedHashMap<>();
        List<ResolvedService> services = resolved.services().stream()
                .sorted(java.util.Comparator.comparing(ResolvedService::name)).toList();
        for (ResolvedService rs : services) {
            Service s = rs.service();
            if (s.resources() != null && !s.resources().equals(rs.resources())) {
                boolean byScale = scale.compareTo(BigDecimal.ONE) != 0
                        && s.resources().scaled(scale).equals(rs.resources());
                (byScale ? scaled : resized).add(rs.name());
            }
            if (!tenantRoot && rs.autoscaling() == null && s.replicas() != rs.replicas()) {
                replicas.add(rs.name() + " " + s.replicas() + " -> " + rs.replicas());
            }
            Autoscaling own = s.autoscaling();
            Autoscaling now = rs.autoscaling();
            if (!tenantRoot && own != null && now != null && (own.minReplicas() != now.minReplicas()
                    || own.maxReplicas() != now.maxReplicas())) {
                ranges.add(rs.name() + " " + own.minReplicas() + "-" + own.maxReplicas() + " -> "
                        + now.minReplicas() + "-" + now.maxReplicas());
            }
            Map<String, EnvVar> written = new LinkedHashMap<>();
            s.env().forEach(e -> written.put(e.name(), e));
            for (EnvVar e : rs.env()) {
                EnvVar was = written.get(e.name());
                if (was == null) {
                    added.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(rs.name());
                } else if (!Objects.equals(was, e)) {
                    set.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(rs.name());
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (!scaled.isEmpty()) {
            parts.add("resources scaled by " + scale.stripTrailingZeros().toPlainString() + " for " + names(scaled));
        }
        if (!resized.isEmpty()) {
            parts.add("resources set for " + names(resized));
        }
        if (!replicas.isEmpty()) {
            parts.add("replicas of " + names(replicas));
        }
        if (!ranges.isEmpty()) {
            parts.add("autoscaling of " + names(ranges));
        }
        variables(added, "added to", parts);
        variables(set, "set in", parts);
        if (!resolved.disabled().isEmpty()) {
            parts.add("left out: " + names(resolved.disabled().stream().map(ResolvedService::name).sorted().toList()));
        }
        if (parts.isEmpty()) {
            return null;
        }
        return label + (profile == null ? "" : " (profile " + profile + ")") + " changes your values: "
                + String.join("; ", parts);
    }

    /** Variables grouped by the services they reach: {@code variables A, B added to web, worker}. */
    private static void variables(Map<String, List<String>> byVariable, String verb, List<String> parts) {
        Map<List<String>, Set<String>> byServices = new LinkedHashMap<>();
        new java.util.TreeMap<>(byVariable).forEach((variable, services) ->
                byServices.computeIfAbsent(services, s -> new TreeSet<>()).add(variable));
        byServices.forEach((services, variables) -> parts.add((variables.size() == 1 ? "variable " : "variables ")
                + String.join(", ", variables) + " " + verb + " " + names(services)));
    }

    /** The first {@value #NAMED} of {@code items}, then how many more. */
    private static String names(List<String> items) {
        String named = items.stream().limit(NAMED).collect(Collectors.joining(", "));
        return items.size() > NAMED ? named + " and " + (items.size() - NAMED) + " more" : named;
    }
}
