package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;

/**
 * Finished Jobs are cleaned up once: a Job of its own sets {@code ttlSecondsAfterFinished} (or it stays forever),
 * a CronJob's jobs do not (its history limits already do, and the stricter of the two would win).
 */
final class JobTtl implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("job-ttl", Severity.WARNING,
            "a Job of its own sets ttlSecondsAfterFinished; a CronJob's job template does not");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            if ("Job".equals(w.kind()) && ObjectTrees.get(w.object(), "spec", "ttlSecondsAfterFinished") == null
                    && ObjectTrees.get(w.object(), "metadata", "ownerReferences") == null) {
                scope.findings().report(RULE, w.object(), ".spec", "sets no ttlSecondsAfterFinished, so the finished "
                        + "Job and its pods stay until someone deletes them; set it (86400 keeps them a day)");
            } else if ("CronJob".equals(w.kind()) && ObjectTrees.get(w.object(), "spec", "jobTemplate", "spec",
                    "ttlSecondsAfterFinished") != null) {
                scope.findings().report(RULE, w.object(), ".spec.jobTemplate.spec.ttlSecondsAfterFinished",
                        "ttlSecondsAfterFinished competes with the CronJob's successfulJobsHistoryLimit and "
                                + "failedJobsHistoryLimit (the stricter wins); keep only the history limits");
            }
        }
    }
}
