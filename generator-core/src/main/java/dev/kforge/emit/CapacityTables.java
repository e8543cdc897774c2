package dev.kforge.emit;

import dev.kforge.api.Platform;
import dev.kforge.api.Quantities;
import dev.kforge.api.Service;
import dev.kforge.api.Tier;
import dev.kforge.objects.KubeObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's capacity and price tables: what the pods of a service, an environment or a tier take (replicas,
 * requests, limits, storage, disruption budget) and what they cost, with the notes that say how these numbers are
 * read. The numbers come from {@link PodSizing}; see {@link ReportEmitter} for the page they are part of.
 */
final class CapacityTables {

    private static final String DASH = "\u2013";
    private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024L * 1024L);

    /** How the numbers are read, for every report. */
    private static final List<String> NOTES = List.of(
            "**Per pod**: the requests and limits of one pod as the scheduler counts them: its containers together, "
                    + "or its largest init container where that is more.",
            "**Replicas**: the HorizontalPodAutoscaler's minimum" + DASH + "maximum, else the fixed count. A "
                    + "scheduled job counts as no pod at the minimum and one run's pods at the maximum (none while "
                    + "suspended); overlapping runs are not counted.",
            "**Totals** are at the minimum" + DASH + "maximum replicas: per-pod values times replicas, summed; "
                    + "CPU in cores, memory and storage in GiB rounded up to two decimals. Storage is what the pods "
                    + "claim: a StatefulSet's claims per pod, a PersistentVolumeClaim once.",
            "Per-pod values are written as Kubernetes quantities: CPU in cores or millicores, memory in Mi or Gi, "
                    + "rounded up.");

    static final String SERVICE_PRICE_NOTE = "**Price/month** is the `monthlyPrice` of the tier that sizes "
            + "a service, counted once per service and environment (a tier's replica range is part of its plan, so "
            + "replicas do not multiply it), in the platform's currency; `none` where the service has no priced tier.";

    static final String TENANT_PRICE_NOTE = "**Price/month** is the `monthlyPrice` of each tenant's tier, "
            + "summed over the tenants that run in the environment, in the platform's currency: what their plans "
            + "list, per environment; a tenant that runs in several environments is counted in each.";

    private CapacityTables() {
    }

    static boolean servicesPriced(Platform platform) {
        return platform.services().stream().anyMatch(s -> servicePrice(platform, s) != null);
    }

    private static BigDecimal servicePrice(Platform platform, Service s) {
        Tier tier = s.tier() == null ? null : platform.tier(s.tier());
        return tier == null ? null : tier.monthlyPrice();
    }

    static String environmentTotals(Platform platform, Map<String, Map<String, PodSizing>> sizing,
                                    boolean priced) {
        MarkdownTable t = loadTable(priced, "environment");
        sizing.forEach((env, services) -> {
            PodSizing.Load min = PodSizing.Load.NONE;
            PodSizing.Load max = PodSizing.Load.NONE;
            BigDecimal price = null;
            for (Service s : platform.services()) {
                PodSizing ps = services.get(s.name());
                if (ps != null) {
                    min = min.plus(ps.atMin());
                    max = max.plus(ps.atMax());
                    price = add(price, servicePrice(platform, s));
                }
            }
            t.row(loadCells(List.of(MarkdownTable.code(env)), min, max, priced ? priceOr(price, true) : null));
        });
        return t.render();
    }

    /** A totals table: the leading columns, then pods, requests, limits, storage and (if priced) price. */
    static MarkdownTable loadTable(boolean priced, String... leading) {
        List<String> headings = new ArrayList<>(List.of(leading));
        headings.addAll(List.of("pods>", "cpu requests (cores)>", "memory requests (GiB)>", "cpu limits (cores)>",
                "memory limits (GiB)>", "storage (GiB)>"));
        if (priced) {
            headings.add("price/month>");
        }
        return MarkdownTable.of(headings.toArray(String[]::new));
    }

    static String[] loadCells(List<String> leading, PodSizing.Load min, PodSizing.Load max, String price) {
        List<String> cells = new ArrayList<>(leading);
        cells.add(range(min.pods(), max.pods()));
        cells.add(range(cores(min.amounts().cpuRequest()), cores(max.amounts().cpuRequest())));
        cells.add(range(gib(min.amounts().memoryRequest()), gib(max.amounts().memoryRequest())));
        cells.add(range(cores(min.amounts().cpuLimit()), cores(max.amounts().cpuLimit())));
        cells.add(range(gib(min.amounts().memoryLimit()), gib(max.amounts().memoryLimit())));
        cells.add(range(gib(min.storage()), gib(max.storage())));
        if (price != null) {
            cells.add(price);
        }
        return cells.toArray(String[]::new);
    }

    /** Each service's PodDisruptionBudget as the environment has it: {@code minAvailable 2}, by service. */
    static Map<String, String> budgets(List<KubeObject> objects) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KubeObject o : objects) {
            if (o.object() instanceof io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget pdb) {
                var spec = pdb.getSpec();
                out.put(o.part(), spec.getMinAvailable() != null ? "minAvailable " + value(spec.getMinAvailable())
                        : "maxUnavailable " + value(spec.getMaxUnavailable()));
            }
        }
        return out;
    }

    private static String value(io.fabric8.kubernetes.api.model.IntOrString v) {
        return v.getIntVal() != null ? v.getIntVal().toString() : v.getStrVal();
    }

    static String workloads(Platform platform, Map<String, PodSizing> sizing, Map<String, String> budgets,
                            boolean priced) {
        MarkdownTable t = priced ? MarkdownTable.of("service", "kind", "replicas", "disruption budget",
                "cpu request>", "cpu limit>", "memory request>", "memory limit>", "storage", "price/month>")
                : MarkdownTable.of("service", "kind", "replicas", "disruption budget", "cpu request>", "cpu limit>",
                "memory request>", "memory limit>", "storage");
        for (Service s : platform.services()) {
            PodSizing ps = sizing.get(s.name());
            if (ps == null) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(MarkdownTable.code(s.name()), s.kind().id(),
                    replicas(ps), budgets.getOrDefault(s.name(), "none"), Quantities.cpu(ps.pod().cpuRequest()), Quantities.cpu(ps.pod().cpuLimit()),
                    Quantities.memory(ps.pod().memoryRequest()), Quantities.memory(ps.pod().memoryLimit()),
                    storage(ps)));
            if (priced) {
                cells.add(priceOr(servicePrice(platform, s), false));
            }
            t.row(cells.toArray(String[]::new));
        }
        return t.isEmpty() ? "No workloads.\n" : t.render();
    }

    private static String replicas(PodSizing ps) {
        if (ps.schedule() != null) {
            return MarkdownTable.code(ps.schedule()) + (ps.timeZone() == null ? "" : " " + MarkdownTable.text(
                    ps.timeZone())) + (ps.suspended() ? ", suspended" : "");
        }
        return ps.autoscaled() ? range(ps.minPods(), ps.maxPods()) : Integer.toString(ps.minPods());
    }

    private static String storage(PodSizing ps) {
        List<String> parts = new ArrayList<>();
        if (ps.storagePerPod().signum() > 0) {
            parts.add(Quantities.memory(ps.storagePerPod()) + " per pod");
        }
        if (ps.sharedStorage().signum() > 0) {
            parts.add(Quantities.memory(ps.sharedStorage()) + " shared");
        }
        return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }

    /** The tiers of a multi-tenant platform as the catalog defines them. */
    static String tiers(Platform platform, boolean priced) {
        MarkdownTable t = priced ? MarkdownTable.of("tier", "cpu request>", "cpu limit>", "memory request>",
                "memory limit>", "storage>", "replicas>", "price/month>")
                : MarkdownTable.of("tier", "cpu request>", "cpu limit>", "memory request>", "memory limit>",
                "storage>", "replicas>");
        for (Tier tier : platform.tiers()) {
            List<String> cells = new ArrayList<>(List.of(MarkdownTable.code(tier.name()),
                    tier.resources().cpuRequest(), tier.resources().cpuLimit(), tier.resources().memoryRequest(),
                    tier.resources().memoryLimit(), tier.storage() == null ? "none" : tier.storage(),
                    range(tier.minReplicas(), tier.maxReplicas())));
            if (priced) {
                cells.add(priceOr(tier.monthlyPrice(), false));
            }
            t.row(cells.toArray(String[]::new));
        }
        return t.render();
    }

    static void notes(StringBuilder md, String priceNote) {
        md.append("## How the numbers are read\n\n");
        NOTES.forEach(n -> md.append("- ").append(n).append('\n'));
        if (priceNote != null) {
            md.append("- ").append(priceNote).append('\n');
        }
    }

    /** A total of CPU in cores, to the millicore ({@code 13.95}). */
    private static String cores(BigDecimal cores) {
        return cores.setScale(3, RoundingMode.CEILING).stripTrailingZeros().toPlainString();
    }

    /** A total of memory or storage in GiB, rounded up to two decimals ({@code 14.75}). */
    private static String gib(BigDecimal bytes) {
        return bytes.divide(GIB, 2, RoundingMode.CEILING).stripTrailingZeros().toPlainString();
    }

    private static String range(int min, int max) {
        return range(Integer.toString(min), Integer.toString(max));
    }

    private static String range(String min, String max) {
        return min.equals(max) ? min : min + DASH + max;
    }

    static String priceOr(BigDecimal price, boolean zero) {
        if (price == null) {
            return zero ? "0.00" : "none";
        }
        return (price.scale() < 2 ? price.setScale(2) : price).toPlainString();
    }

    static BigDecimal add(BigDecimal sum, BigDecimal value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : sum.add(value);
    }
}
