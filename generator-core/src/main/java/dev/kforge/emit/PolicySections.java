package dev.kforge.emit;

import dev.kforge.api.Policy;
import dev.kforge.emit.ReportEmitter.PolicyOutcome;
import dev.kforge.validate.ValidationProblem;

import java.util.List;
import java.util.Locale;

/**
 * The report's policy sections: the findings of each environment (or tenant root) with the severity that fails the
 * build there, and the policy's suppressions with their reasons.
 */
final class PolicySections {

    private PolicySections() {
    }

    static void findings(StringBuilder md, String target, PolicyOutcome outcome) {
        md.append("### Policy findings in ").append(target).append("\n\n");
        if (outcome == null) {
            md.append("Not checked.\n\n");
            return;
        }
        String failOn = "none".equals(outcome.failOn()) ? "Findings never fail the build here."
                : "A finding of severity " + MarkdownTable.inline(outcome.failOn()) + " or worse fails the build here.";
        if (outcome.findings().isEmpty()) {
            md.append("No findings. ").append(failOn).append("\n\n");
            return;
        }
        long failing = outcome.findings().stream().filter(p -> p.severity().fails(outcome.failOn())).count();
        if (failing > 0) {
            // only a render shows these: generate and verify stop on them before anything is written
            failOn += " " + ReportEmitter.count((int) failing, "finding") + " below " + (failing == 1 ? "does" : "do")
                    + ": `mvn k8s:generate` writes nothing until " + (failing == 1 ? "it is" : "they are")
                    + " fixed or suppressed.";
        }
        MarkdownTable t = MarkdownTable.of("severity", "object", "field", "finding", "rule");
        for (ValidationProblem p : outcome.findings()) {
            String object = p.kind() == null ? "" : p.name() == null ? p.kind() : p.kind() + "/" + p.name();
            t.row(p.severity().name().toLowerCase(Locale.ROOT), MarkdownTable.code(object),
                    p.path().isEmpty() ? "" : MarkdownTable.code(p.path()), MarkdownTable.text(p.message()),
                    p.rule() == null ? "" : MarkdownTable.code(p.rule()));
        }
        md.append(failOn).append("\n\n").append(t.render()).append('\n');
    }

    static PolicyOutcome outcome(List<PolicyOutcome> policy, String target) {
        return policy.stream().filter(o -> o.target().equals(target)).findFirst().orElse(null);
    }

    static void suppressions(StringBuilder md, Policy policy) {
        md.append("## Policy suppressions\n\n");
        if (policy.suppressions().isEmpty()) {
            md.append("No rule is suppressed.\n\n");
            return;
        }
        MarkdownTable t = MarkdownTable.of("service", "rule", "reason");
        policy.suppressions().forEach(s -> t.row(MarkdownTable.code(s.service()), MarkdownTable.code(s.rule()),
                MarkdownTable.text(s.reason())));
        md.append(t.render()).append('\n');
    }
}
