package dev.kforge.api;

/**
 * An extra volume mounted into the service's containers: exactly one of an emptyDir (with an optional size
 * limit), a ConfigMap or an existing Secret (both read-only), or a persistent claim of its own (a
 * PersistentVolumeClaim {@code <service>-<volume>}, or for a stateful service a volume claim template per pod).
 *
 * @param name         DNS-1123 label
 * @param mountPath    absolute path
 * @param emptyDir     true for a scratch emptyDir
 * @param sizeLimit    emptyDir size limit, or {@code null}
 * @param configMap    ConfigMap name, or {@code null}
 * @param secret       Secret name, or {@code null}
 * @param claim        a persistent claim, or {@code null}
 */
public record Volume(String name, String mountPath, boolean emptyDir, String sizeLimit, String configMap,
                     String secret, Claim claim) {

    /**
     * A persistent claim of a volume.
     *
     * @param size         requested size ({@code 10Gi})
     * @param storageClass storage class, or {@code null} for the cluster's default
     * @param accessMode   ReadWriteOnce (default), ReadWriteOncePod, ReadOnlyMany or ReadWriteMany
     */
    public record Claim(String size, String storageClass, String accessMode) {

        public Claim {
            accessMode = accessMode == null ? "ReadWriteOnce" : accessMode;
            new Checks().required(size, "size").memory(size, "size")
                    .require(storageClass == null || storageClass.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"),
                            "storageClass", "'" + storageClass + "' is not a valid storage class name")
                    .require(Storage.ACCESS_MODES.contains(accessMode), "accessMode",
                            "'" + accessMode + "' is not an access mode")
                    .done();
        }
    }

    public Volume {
        int sources = (emptyDir ? 1 : 0) + (configMap != null ? 1 : 0) + (secret != null ? 1 : 0)
                + (claim != null ? 1 : 0);
        new Checks().dnsLabel(name, "name", 63).required(mountPath, "mountPath")
                .require(mountPath == null || mountPath.startsWith("/"), "mountPath",
                        "'" + mountPath + "' is not an absolute path")
                .require(sources == 1, "", "set exactly one of emptyDir, configMap, secret or claim")
                .memory(sizeLimit, "sizeLimit").done();
    }

    /** A volume of a scratch directory, a ConfigMap or a Secret. */
    public Volume(String name, String mountPath, boolean emptyDir, String sizeLimit, String configMap,
                  String secret) {
        this(name, mountPath, emptyDir, sizeLimit, configMap, secret, null);
    }

    /** A scratch directory. */
    public static Volume scratch(String name, String mountPath) {
        return new Volume(name, mountPath, true, null, null, null);
    }

    /** A persistent claim of its own. */
    public static Volume persistent(String name, String mountPath, Claim claim) {
        return new Volume(name, mountPath, false, null, null, null, claim);
    }

    /** True for a ConfigMap or a Secret, which are mounted read-only. */
    public boolean readOnly() {
        return configMap != null || secret != null;
    }
}
