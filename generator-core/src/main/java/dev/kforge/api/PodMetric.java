package dev.kforge.api;

/**
 * A custom per-pod metric for the HorizontalPodAutoscaler (served by a metrics adapter such as
 * prometheus-adapter).
 *
 * @param name         metric name ({@code http_requests_per_second})
 * @param averageValue target average per pod, as a quantity ({@code 100}, {@code 500m})
 */
public record PodMetric(String name, String averageValue) {

    public PodMetric {
        new Checks().required(name, "name").required(averageValue, "averageValue")
                .cpu(averageValue, "averageValue").done();
    }
}
