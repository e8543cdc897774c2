package dev.kforge.api;

/**
 * A namespace ResourceQuota. Every field is optional; at least one must be set.
 *
 * @param requestsCpu            total CPU requests
 * @param requestsMemory         total memory requests
 * @param limitsCpu              total CPU limits
 * @param limitsMemory           total memory limits
 * @param requestsStorage        total storage requested by PersistentVolumeClaims
 * @param pods                   number of pods
 * @param persistentVolumeClaims number of PersistentVolumeClaims
 */
public record Quota(String requestsCpu, String requestsMemory, String limitsCpu, String limitsMemory,
                    String requestsStorage, Integer pods, Integer persistentVolumeClaims) {

    public Quota {
        new Checks().cpu(requestsCpu, "requestsCpu").cpu(limitsCpu, "limitsCpu")
                .memory(requestsMemory, "requestsMemory").memory(limitsMemory, "limitsMemory")
                .memory(requestsStorage, "requestsStorage")
                .atLeast(pods, 0, "pods").atLeast(persistentVolumeClaims, 0, "persistentVolumeClaims")
                .require(requestsCpu != null || requestsMemory != null || limitsCpu != null || limitsMemory != null
                        || requestsStorage != null || pods != null || persistentVolumeClaims != null, "",
                        "a quota needs at least one limit")
                .done();
    }
}
