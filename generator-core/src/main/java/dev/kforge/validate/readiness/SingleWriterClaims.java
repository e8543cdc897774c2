package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/**
 * A claim one node at a time may mount (ReadWriteOnce, ReadWriteOncePod) has one writer: a single pod, replaced by
 * stopping it before its successor starts. A rolling update that surges starts the new pod first — it waits for
 * the volume on another node, or two processes share one data directory on the same node — and replicas on other
 * nodes cannot attach it at all.
 */
final class SingleWriterClaims implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("single-writer-claim", Severity.ERROR,
            "a workload mounting a ReadWriteOnce claim runs one pod and stops it before starting the next "
                    + "(strategy Recreate, or a StatefulSet)");

    private static final List<String> ONE_NODE = List.of("ReadWriteOnce", "ReadWriteOncePod");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            if (!List.of("Deployment", "ReplicaSet", "StatefulSet").contains(w.kind())) {
                continue;
            }
            List<Map<String, Object>> volumes = ObjectTrees.maps(w.pod(), "volumes");
            for (int i = 0; i < volumes.size(); i++) {
                String claimName = ObjectTrees.text(volumes.get(i), "persistentVolumeClaim", "claimName");
                Map<String, Object> claim = claimName == null ? null
                        : scope.set().find("PersistentVolumeClaim", w.namespace(), claimName);
                List<?> modes = claim == null ? List.of() : ObjectTrees.list(ObjectTrees.get(claim, "spec",
                        "accessModes"));
                if (modes.stream().noneMatch(ONE_NODE::contains)) {
                    continue;
                }
                String mode = modes.stream().filter(ONE_NODE::contains).findFirst().orElseThrow().toString();
                String at = w.podPath() + ".volumes[" + i + "]";
                if (w.maxReplicas() != null && w.maxReplicas() > 1) {
                    scope.findings().report(RULE, w.object(), at, "up to " + w.maxReplicas() + " pods share the "
                            + mode + " claim '" + claimName + "': pods on other nodes cannot attach it, and two "
                            + "writers on one volume corrupt it; run one replica, a StatefulSet with a claim per "
                            + "pod, or a ReadWriteMany claim");
                } else if ("Deployment".equals(w.kind()) && surges(w.object())) {
                    scope.findings().report(RULE, w.object(), ".spec.strategy", "rolls out by starting the new pod "
                            + "before the old one stops while both mount the " + mode + " claim '" + claimName
                            + "': the new pod waits for the volume on another node, or two processes share one data "
                            + "directory; use strategy Recreate (or maxSurge: 0), or a StatefulSet");
                }
                break;
            }
        }
    }

    /** Whether a Deployment's rollout starts new pods before old ones stop: a RollingUpdate with a surge. */
    private static boolean surges(Map<String, Object> deployment) {
        if ("Recreate".equals(ObjectTrees.text(deployment, "spec", "strategy", "type"))) {
            return false;
        }
        // the default maxSurge is 25%, which rounds up to one pod
        Object surge = ObjectTrees.get(deployment, "spec", "strategy", "rollingUpdate", "maxSurge");
        return surge == null || !(surge.equals(0) || "0%".equals(surge) || "0".equals(surge));
    }
}
