package dev.kforge.api;

/**
 * An extra volume mounted into the service's containers: exactly one of an emptyDir (with an optional size
 * limit), a ConfigMap or an existing Secret.
 *
 * @param name         DNS-1123 label
 * @param mountPath    absolute path
 * @param emptyDir     true for a scratch emptyDir
 * @param sizeLimit    emptyDir size limit, or {@code null}
 * @param configMap    ConfigMap name, or {@code null}
 * @param secret       Secret name, or {@code null}
 */
public record Volume(String name, String mountPath, boolean emptyDir, String sizeLimit, String configMap,
                     String secret) {

    public Volume {
        int sources = (emptyDir ? 1 : 0) + (configMap != null ? 1 : 0) + (secret != null ? 1 : 0);
        new Checks().dnsLabel(name, "name", 63).required(mountPath, "mountPath")
                .require(mountPath == null || mountPath.startsWith("/"), "mountPath",
                        "'" + mountPath + "' is not an absolute path")
                .require(sources == 1, "", "set exactly one of emptyDir, configMap or secret")
                .memory(sizeLimit, "sizeLimit").done();
    }

    /** A scratch directory. */
    public static Volume scratch(String name, String mountPath) {
        return new Volume(name, mountPath, true, null, null, null);
    }
}
