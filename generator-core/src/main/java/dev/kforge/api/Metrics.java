package dev.kforge.api;

/**
 * Prometheus scraping through a prometheus-operator ServiceMonitor.
 *
 * @param port     name of the port serving metrics
 * @param path     default {@code /metrics}
 * @param interval scrape interval; default {@code 30s}
 */
public record Metrics(String port, String path, String interval) {

    public Metrics {
        path = path == null ? "/metrics" : path;
        interval = interval == null ? "30s" : interval;
        new Checks().required(port, "port")
                .require(path.startsWith("/"), "path", "'" + path + "' must start with '/'")
                .require(interval.matches("[0-9]+(ms|s|m|h)"), "interval", "'" + interval + "' is not a duration like 30s")
                .done();
    }
}
