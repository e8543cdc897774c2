package dev.kforge.resolve;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Image;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Resources;
import dev.kforge.api.Schedule;
import dev.kforge.api.Service;
import dev.kforge.api.Storage;

import java.util.List;

/**
 * A service with every setting made concrete for one {@link Target}: what the objects stage turns into
 * Kubernetes objects. Anything not listed here is taken unchanged from {@link #service()}.
 *
 * @param service      the service as modelled
 * @param image        the image with registry and the target's tag
 * @param resources    requests and limits (from the service or its tier, scaled or overridden)
 * @param replicas     replicas when not autoscaled
 * @param autoscaling  autoscaling with the target's replica range, or {@code null}
 * @param env          environment variables with the target's literals applied
 * @param schedule     the schedule with the target's suspension, or {@code null}
 * @param storage      storage with its size resolved, or {@code null}
 * @param ingress      the ingress with the target's rate limit, or {@code null}
 * @param ingressRules ingress rules with full host names; empty without ingress
 */
public record ResolvedService(Service service, Image image, Resources resources, int replicas,
                              Autoscaling autoscaling, List<EnvVar> env, Schedule schedule, Storage storage,
                              Ingress ingress, List<IngressRule> ingressRules) {

    public ResolvedService {
        env = List.copyOf(env);
        ingressRules = List.copyOf(ingressRules);
    }

    /** The service's name. */
    public String name() {
        return service.name();
    }

    /**
     * Whether its pods write to a claim one node at a time may mount (ReadWriteOnce, ReadWriteOncePod) that is not a
     * StatefulSet's own per pod: then a new pod can only start once the old one has stopped.
     */
    public boolean singleWriter() {
        return storage != null && service.kind() != dev.kforge.api.ServiceKind.STATEFUL_SERVICE
                && (storage.accessMode().equals("ReadWriteOnce") || storage.accessMode().equals("ReadWriteOncePod"));
    }

    /**
     * Its pod anti-affinity here: the model's, or where the model leaves it out {@code PREFERRED} when it can run
     * more than one pod (one node failing should not take them all) and none otherwise.
     */
    public dev.kforge.api.Scheduling.AntiAffinity antiAffinity() {
        dev.kforge.api.Scheduling.AntiAffinity modelled = service.scheduling().antiAffinity();
        if (modelled != null) {
            return modelled;
        }
        return mostPods() > 1 && service.kind() != dev.kforge.api.ServiceKind.SCHEDULED_JOB
                ? dev.kforge.api.Scheduling.AntiAffinity.PREFERRED : dev.kforge.api.Scheduling.AntiAffinity.NONE;
    }

    /** The fewest pods it runs here: the autoscaler's minimum, else its replicas. */
    public int fewestPods() {
        return autoscaling != null ? autoscaling.minReplicas() : replicas;
    }

    /** The most pods it runs here: the autoscaler's maximum, else its replicas. */
    public int mostPods() {
        return autoscaling != null ? autoscaling.maxReplicas() : replicas;
    }

    /**
     * Its disruption budget as this target needs it, or {@code null} when it has none: the model's, where it lets a
     * node drain evict one pod at the fewest pods it runs here; otherwise a {@code minAvailable} one below that
     * floor (a count of two or more), else {@code maxUnavailable: 1}.
     */
    public DisruptionBudget disruptionBudget() {
        DisruptionBudget modelled = service.disruptionBudget();
        if (modelled == null || modelled.minAvailable() == null) {
            return modelled;
        }
        String min = modelled.minAvailable();
        int fewest = fewestPods();
        boolean percent = min.endsWith("%");
        // the disruption controller rounds a percentage of pods up
        long kept = percent ? (fewest * Long.parseLong(min.substring(0, min.length() - 1)) + 99) / 100
                : Long.parseLong(min);
        if (kept < fewest) {
            return modelled;
        }
        return !percent && fewest >= 2 ? DisruptionBudget.minAvailable(fewest - 1)
                : new DisruptionBudget(null, "1");
    }
}
