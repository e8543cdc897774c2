package dev.kforge.api;

import java.math.BigDecimal;

/**
 * A resource plan that services (and later tenants) refer to by name.
 *
 * @param name         DNS-1123 label, at most 30 characters ({@code small})
 * @param resources    per-container requests and limits
 * @param storage      storage per instance ({@code 10Gi}), or {@code null}
 * @param minReplicas  lower bound of the replica range, at least 1
 * @param maxReplicas  upper bound of the replica range, at least {@code minReplicas}
 * @param quota        namespace quota for this plan, or {@code null}
 * @param monthlyPrice price per month in the platform's currency, or {@code null}; never negative
 */
public record Tier(String name, Resources resources, String storage, int minReplicas, int maxReplicas,
                   Quota quota, BigDecimal monthlyPrice) {

    public Tier {
        new Checks().dnsLabel(name, "name", 30).required(resources, "resources")
                .memory(storage, "storage")
                .atLeast(minReplicas, 1, "minReplicas")
                .require(maxReplicas >= minReplicas, "maxReplicas",
                        "maxReplicas " + maxReplicas + " is below minReplicas " + minReplicas)
                .require(monthlyPrice == null || monthlyPrice.signum() >= 0, "monthlyPrice",
                        "price " + monthlyPrice + " is negative")
                .done();
    }
}
