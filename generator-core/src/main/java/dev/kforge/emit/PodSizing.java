package dev.kforge.emit;

import dev.kforge.objects.KubeObject;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many pods of one service run and what each asks for, read from the service's generated objects (so after
 * every override, profile and scaling): the workload, its HorizontalPodAutoscaler and its PersistentVolumeClaim.
 *
 * <p>A pod's requests and limits are what the scheduler counts: the sum over its containers, or the largest init
 * container where that is more. Replicas are the HPA's range, else the workload's count (1 when unset). A scheduled
 * job runs no pod at the minimum and one run's pods ({@code parallelism}, default 1) at the maximum, none while
 * suspended; runs that overlap ({@code concurrencyPolicy: Allow}) are not counted.
 *
 * @param minPods       pods at the minimum
 * @param maxPods       pods at the maximum
 * @param autoscaled    true if an HPA sets the replicas
 * @param schedule      a scheduled job's cron expression, or {@code null}
 * @param timeZone      the time zone of the schedule, or {@code null} for the controller's
 * @param suspended     true for a suspended scheduled job
 * @param pod           requests and limits of one pod
 * @param storagePerPod storage each pod claims (a StatefulSet's volumeClaimTemplates)
 * @param sharedStorage storage claimed once for all pods (a PersistentVolumeClaim)
 */
record PodSizing(int minPods, int maxPods, boolean autoscaled, String schedule, String timeZone, boolean suspended,
                 Amounts pod, BigDecimal storagePerPod, BigDecimal sharedStorage) {

    /**
     * CPU in cores, memory in bytes.
     */
    record Amounts(BigDecimal cpuRequest, BigDecimal memoryRequest, BigDecimal cpuLimit, BigDecimal memoryLimit) {

        static final Amounts ZERO = new Amounts(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        Amounts plus(Amounts o) {
            return new Amounts(cpuRequest.add(o.cpuRequest), memoryRequest.add(o.memoryRequest),
                    cpuLimit.add(o.cpuLimit), memoryLimit.add(o.memoryLimit));
        }

        Amounts max(Amounts o) {
            return new Amounts(cpuRequest.max(o.cpuRequest), memoryRequest.max(o.memoryRequest),
                    cpuLimit.max(o.cpuLimit), memoryLimit.max(o.memoryLimit));
        }

        Amounts times(int n) {
            BigDecimal f = BigDecimal.valueOf(n);
            return new Amounts(cpuRequest.multiply(f), memoryRequest.multiply(f), cpuLimit.multiply(f),
                    memoryLimit.multiply(f));
        }
    }

    /**
     * What a set of pods takes together.
     *
     * @param pods    number of pods
     * @param amounts their requests and limits
     * @param storage the storage they claim, in bytes
     */
    record Load(int pods, Amounts amounts, BigDecimal storage) {

        static final Load NONE = new Load(0, Amounts.ZERO, BigDecimal.ZERO);

        Load plus(Load o) {
            return new Load(pods + o.pods, amounts.plus(o.amounts), storage.add(o.storage));
        }
    }

    /** What this service's pods take at their minimum. */
    Load atMin() {
        return load(minPods);
    }

    /** What this service's pods take at their maximum. */
    Load atMax() {
        return load(maxPods);
    }

    private Load load(int pods) {
        return new Load(pods, pod.times(pods), storagePerPod.multiply(BigDecimal.valueOf(pods)).add(sharedStorage));
    }

    /** The sizing of every service (part) with a workload among {@code objects}, by service, in object order. */
    static Map<String, PodSizing> of(List<KubeObject> objects) {
        Map<String, List<HasMetadata>> parts = new LinkedHashMap<>();
        objects.forEach(o -> parts.computeIfAbsent(o.part(), k -> new ArrayList<>()).add(o.object()));
        Map<String, PodSizing> out = new LinkedHashMap<>();
        parts.forEach((part, partObjects) -> {
            PodSizing sizing = ofService(partObjects);
            if (sizing != null) {
                out.put(part, sizing);
            }
        });
        return out;
    }

    /** The sizing of one service from its objects, or {@code null} when they hold no workload. */
    static PodSizing ofService(List<HasMetadata> objects) {
        HorizontalPodAutoscaler hpa = null;
        BigDecimal shared = BigDecimal.ZERO;
        HasMetadata workload = null;
        for (HasMetadata o : objects) {
            if (o instanceof HorizontalPodAutoscaler h) {
                hpa = h;
            } else if (o instanceof PersistentVolumeClaim claim) {
                shared = shared.add(storage(claim.getSpec()));
            } else if (o instanceof Deployment || o instanceof StatefulSet || o instanceof CronJob) {
                workload = o;
            }
        }
        if (workload instanceof Deployment d) {
            return replicated(d.getSpec().getReplicas(), hpa, pod(d.getSpec().getTemplate().getSpec()),
                    BigDecimal.ZERO, shared);
        }
        if (workload instanceof StatefulSet s) {
            BigDecimal perPod = s.getSpec().getVolumeClaimTemplates().stream().map(t -> storage(t.getSpec()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return replicated(s.getSpec().getReplicas(), hpa, pod(s.getSpec().getTemplate().getSpec()), perPod,
                    shared);
        }
        if (workload instanceof CronJob c) {
            return scheduled(c, shared);
        }
        return null;
    }

    private static PodSizing replicated(Integer replicas, HorizontalPodAutoscaler hpa, Amounts pod,
                                        BigDecimal perPod, BigDecimal shared) {
        if (hpa != null) {
            int min = or(hpa.getSpec().getMinReplicas(), 1);
            return new PodSizing(min, hpa.getSpec().getMaxReplicas(), true, null, null, false, pod, perPod, shared);
        }
        int fixed = or(replicas, 1);
        return new PodSizing(fixed, fixed, false, null, null, false, pod, perPod, shared);
    }

    private static PodSizing scheduled(CronJob job, BigDecimal shared) {
        var spec = job.getSpec();
        boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
        var jobSpec = spec.getJobTemplate().getSpec();
        int perRun = suspended ? 0 : or(jobSpec.getParallelism(), 1);
        return new PodSizing(0, perRun, false, spec.getSchedule(), spec.getTimeZone(), suspended,
                pod(jobSpec.getTemplate().getSpec()), BigDecimal.ZERO, shared);
    }

    /**
     * What the scheduler reserves for a pod: its containers and native sidecars together, or an init container
     * with the native sidecars started before it, whichever is more (Kubernetes' rule for sidecars).
     */
    static Amounts pod(PodSpec spec) {
        Amounts sidecars = Amounts.ZERO;
        Amounts init = Amounts.ZERO;
        for (Container c : spec.getInitContainers()) {
            if ("Always".equals(c.getRestartPolicy())) {
                sidecars = sidecars.plus(container(c.getResources()));
            } else {
                init = init.max(sidecars.plus(container(c.getResources())));
            }
        }
        Amounts containers = sidecars;
        for (Container c : spec.getContainers()) {
            containers = containers.plus(container(c.getResources()));
        }
        return containers.max(init);
    }

    private static Amounts container(ResourceRequirements r) {
        if (r == null) {
            return Amounts.ZERO;
        }
        return new Amounts(amount(r.getRequests(), "cpu"), amount(r.getRequests(), "memory"),
                amount(r.getLimits(), "cpu"), amount(r.getLimits(), "memory"));
    }

    private static BigDecimal storage(PersistentVolumeClaimSpec spec) {
        VolumeResourceRequirements r = spec == null ? null : spec.getResources();
        return r == null ? BigDecimal.ZERO : amount(r.getRequests(), "storage");
    }

    private static BigDecimal amount(Map<String, Quantity> quantities, String name) {
        Quantity q = quantities == null ? null : quantities.get(name);
        return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
