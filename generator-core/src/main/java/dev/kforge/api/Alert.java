package dev.kforge.api;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Prometheus alerting rule of a service, emitted in the service's PrometheusRule (prometheus-operator) so that
 * the alert travels with the service through every environment.
 *
 * @param alert       the alert's name, a Prometheus metric name ({@code HighErrorRate}); the same name may appear
 *                    twice (a warning and a critical threshold)
 * @param expr        the PromQL expression; the alert fires while it returns anything
 * @param forDuration how long the expression must hold before the alert fires ({@code 5m}), or {@code null}
 * @param labels      labels of the alert ({@code severity: critical}); label names as Prometheus takes them
 * @param annotations annotations of the alert ({@code summary}, {@code description}); Prometheus templates such as
 *                    {@code {{ $labels.pod }}} are kept as written
 */
public record Alert(String alert, String expr, String forDuration, Map<String, String> labels,
                    Map<String, String> annotations) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** A Prometheus duration, as the operator's CRD takes it. */
    private static final Pattern DURATION =
            Pattern.compile("0|([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?");

    public Alert {
        labels = Copies.map(labels);
        annotations = Copies.map(annotations);
        Checks c = new Checks().required(alert, "alert")
                .require(alert == null || NAME.matcher(alert).matches(), "alert", "'" + Checks.printable(
                        String.valueOf(alert)) + "' is not an alert name; use letters, digits, '_' and ':', like "
                        + "HighErrorRate")
                .required(expr, "expr")
                .require(forDuration == null || !forDuration.isEmpty() && DURATION.matcher(forDuration).matches(),
                        "for", "'" + Checks.printable(String.valueOf(forDuration)) + "' is not a duration like 5m "
                                + "or 1h30m");
        labels.keySet().forEach(k -> c.require(k != null && LABEL.matcher(k).matches() && !k.startsWith("__"),
                "labels", "'" + Checks.printable(String.valueOf(k)) + "' is not a Prometheus label name"));
        annotations.keySet().forEach(k -> c.require(k != null && LABEL.matcher(k).matches(), "annotations",
                "'" + Checks.printable(String.valueOf(k)) + "' is not a Prometheus annotation name"));
        c.done();
    }

    /** An alert with a severity label and a summary. */
    public static Alert of(String alert, String expr, String forDuration, String severity, String summary) {
        return new Alert(alert, expr, forDuration, severity == null ? null : Map.of("severity", severity),
                summary == null ? null : Map.of("summary", summary));
    }
}
