package dev.kforge.spec;

import dev.kforge.api.Checks;

/**
 * A size a service template is instantiated at (a PaaS plan): the template turns these numbers into requests,
 * limits and storage.
 *
 * @param name    DNS-1123 label naming the plan
 * @param cpu     CPU in millicores, 10 to 64,000
 * @param memory  memory in MiB, 16 to 524,288
 * @param storage storage in GiB, 0 (none) to 65,536
 */
public record Plan(String name, int cpu, int memory, int storage) {

    public Plan {
        new Checks().dnsLabel(name, "name", 63)
                .require(cpu >= 10 && cpu <= 64_000, "cpu", "cpu " + cpu + " is not between 10 and 64000 millicores")
                .require(memory >= 16 && memory <= 524_288, "memory", "memory " + memory
                        + " is not between 16 and 524288 MiB")
                .require(storage >= 0 && storage <= 65_536, "storage", "storage " + storage
                        + " is not between 0 and 65536 GiB")
                .done();
    }
}
