package dev.kforge.api;

/**
 * CPU and memory requests and limits of one container. All four are required: a container without them
 * is either starved or starves its neighbours.
 */
public record Resources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {

    public Resources {
        new Checks().required(cpuRequest, "cpuRequest").required(cpuLimit, "cpuLimit")
                .required(memoryRequest, "memoryRequest").required(memoryLimit, "memoryLimit")
                .cpu(cpuRequest, "cpuRequest").cpu(cpuLimit, "cpuLimit")
                .memory(memoryRequest, "memoryRequest").memory(memoryLimit, "memoryLimit")
                .notAbove(cpuRequest, cpuLimit, "cpuRequest", "cpu")
                .notAbove(memoryRequest, memoryLimit, "memoryRequest", "memory")
                .done();
    }

    /** These resources scaled by {@code factor} (environment resource scaling); never below 1m / 1Mi. */
    public Resources scaled(java.math.BigDecimal factor) {
        if (factor.compareTo(java.math.BigDecimal.ONE) == 0) {
            return this;
        }
        return new Resources(Quantities.scaleCpu(cpuRequest, factor), Quantities.scaleCpu(cpuLimit, factor),
                Quantities.scaleMemory(memoryRequest, factor), Quantities.scaleMemory(memoryLimit, factor));
    }
}
