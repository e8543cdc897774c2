package dev.kforge.api;

import java.util.List;
import java.util.Map;

/**
 * How the platform's manifests are held to kforge's best-practice rules (see {@code dev.kforge.validate.PolicyRules}):
 * rules suppressed per service, each with a written reason, and per environment the severity from which a finding
 * fails the build. Without a setting, an environment with the {@code prod} profile (or named {@code prod}) fails on
 * warnings, every other environment on errors.
 *
 * @param suppressions rules turned off for one service, with the reason; listed in every report
 * @param failOn       environment name to {@code error}, {@code warning} or {@code none}
 * @param notSecret    deliberate exceptions to the secret detector ({@link SecretShapes}): the model path of a
 *                     value it calls secret-looking ({@code services.web.env.SIGNING_KEY_ID.value}, as its problem
 *                     names it) to why it is not a secret (a few words at least); listed in every report. A path
 *                     that matches no finding is a problem, so a stale exception cannot hide a later secret
 */
public record Policy(List<Suppression> suppressions, Map<String, String> failOn, Map<String, String> notSecret) {

    /** No suppressions, default severities. */
    public static final Policy DEFAULT = new Policy(List.of(), Map.of(), Map.of());
    /** The severities an environment may fail on; {@code none} fails on nothing. */
    public static final List<String> LEVELS = List.of("error", "warning", "none");

    /** A policy without exceptions to the secret detector. */
    public Policy(List<Suppression> suppressions, Map<String, String> failOn) {
        this(suppressions, failOn, Map.of());
    }

    /**
     * One rule turned off for one service.
     *
     * @param service the service's name
     * @param rule    the rule's id ({@code probe-liveness})
     * @param reason  why; required, shown in reports
     */
    public record Suppression(String service, String rule, String reason) {
        public Suppression {
            new Checks().required(service, "service").required(rule, "rule")
                    .require(reason != null && reason.strip().length() >= 10, "reason",
                            "write why the rule does not apply (at least a few words); it is shown in every report")
                    .done();
        }
    }

    public Policy {
        suppressions = Copies.list(suppressions);
        failOn = Copies.map(failOn);
        notSecret = Copies.map(notSecret);
        Checks c = new Checks();
        notSecret.forEach((path, reason) -> c.require(reason != null && reason.strip().length() >= 10,
                "notSecret." + path, "write why it is not a secret (at least a few words); it is shown in every "
                        + "report"));
        failOn.forEach((env, level) -> c.require(LEVELS.contains(level),
                "failOn." + env, "'" + Checks.printable(String.valueOf(level)) + "' is not error, warning or none"));
        c.done();
    }
}
