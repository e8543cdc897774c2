package dev.kforge.api;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU and memory requests and limits of one container, and the extended resources it needs (GPUs). The four CPU
 * and memory values are required: a container without them is either starved or starves its neighbours.
 *
 * <p>An extended resource ({@code nvidia.com/gpu: 1}) is a whole number of devices a node advertises; it goes into
 * both requests and limits with the same count (Kubernetes does not overcommit them), and environment resource
 * scaling leaves it alone (half a GPU is no GPU). A pod that asks for one is only scheduled onto a node that has
 * it; combine it with a node selector and a toleration for the tainted GPU nodes ({@link Scheduling}).
 *
 * @param cpuRequest    CPU request ({@code 250m}, {@code 2})
 * @param cpuLimit      CPU limit, at least the request
 * @param memoryRequest memory request ({@code 512Mi})
 * @param memoryLimit   memory limit, at least the request
 * @param extended      extended resource name (a domain-qualified name outside {@code kubernetes.io}, like
 *                      {@code nvidia.com/gpu} or {@code amd.com/gpu}) to a whole count of at least 1; may be empty
 */
public record Resources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit,
                        Map<String, String> extended) {

    private static final Pattern EXTENDED_NAME = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,5}");

    public Resources {
        extended = Copies.map(extended);
        Checks c = new Checks().required(cpuRequest, "cpuRequest").required(cpuLimit, "cpuLimit")
                .required(memoryRequest, "memoryRequest").required(memoryLimit, "memoryLimit")
                .cpu(cpuRequest, "cpuRequest").cpu(cpuLimit, "cpuLimit")
                .memory(memoryRequest, "memoryRequest").memory(memoryLimit, "memoryLimit")
                .notAbove(cpuRequest, cpuLimit, "cpuRequest", "cpu")
                .notAbove(memoryRequest, memoryLimit, "memoryRequest", "memory");
        extended.forEach((name, count) -> {
            String domain = name == null || name.indexOf('/') < 0 ? "" : name.substring(0, name.indexOf('/'));
            if (name == null || name.length() > 253 || !EXTENDED_NAME.matcher(name).matches()
                    || domain.equals("kubernetes.io") || domain.endsWith(".kubernetes.io")) {
                c.fail("extended", "'" + Checks.printable(String.valueOf(name)) + "' is not an extended resource "
                        + "name; use the domain-qualified name the device plugin advertises, like nvidia.com/gpu");
            } else if (count == null || !COUNT.matcher(count).matches()) {
                c.fail("extended." + name, "'" + Checks.printable(String.valueOf(count)) + "' is not a device "
                        + "count; use a whole number of at least 1, like 1");
            }
        });
        c.done();
    }

    /** CPU and memory only. */
    public Resources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {
        this(cpuRequest, cpuLimit, memoryRequest, memoryLimit, Map.of());
    }

    /** These resources with {@code count} devices of the extended resource {@code name} ({@code nvidia.com/gpu}). */
    public Resources withExtended(String name, int count) {
        Map<String, String> more = new java.util.LinkedHashMap<>(extended);
        more.put(name, Integer.toString(count));
        return new Resources(cpuRequest, cpuLimit, memoryRequest, memoryLimit, more);
    }

    /**
     * These resources scaled by {@code factor} (environment resource scaling); never below 1m / 1Mi. Extended
     * resources are whole devices and keep their count.
     */
    public Resources scaled(java.math.BigDecimal factor) {
        if (factor.compareTo(java.math.BigDecimal.ONE) == 0) {
            return this;
        }
        return new Resources(Quantities.scaleCpu(cpuRequest, factor), Quantities.scaleCpu(cpuLimit, factor),
                Quantities.scaleMemory(memoryRequest, factor), Quantities.scaleMemory(memoryLimit, factor),
                extended);
    }
}
