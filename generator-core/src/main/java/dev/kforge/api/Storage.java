package dev.kforge.api;

import java.util.List;

/**
 * Persistent storage: volumeClaimTemplates for a stateful service, a PersistentVolumeClaim otherwise.
 *
 * @param size         requested size ({@code 20Gi}); for a service with a tier, default the tier's storage
 * @param storageClass storage class, or {@code null} for the cluster default
 * @param mountPath    where the volume is mounted; default {@code /data}
 * @param accessMode   ReadWriteOnce (default), ReadWriteOncePod, ReadOnlyMany or ReadWriteMany
 */
public record Storage(String size, String storageClass, String mountPath, String accessMode) {

    /** The access modes a claim may have. */
    public static final List<String> ACCESS_MODES =
            List.of("ReadWriteOnce", "ReadWriteOncePod", "ReadOnlyMany", "ReadWriteMany");

    public Storage {
        mountPath = mountPath == null ? "/data" : mountPath;
        accessMode = accessMode == null ? "ReadWriteOnce" : accessMode;
        new Checks().memory(size, "size")
                .require(mountPath.startsWith("/"), "mountPath", "'" + mountPath + "' is not an absolute path")
                .require(storageClass == null || storageClass.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"),
                        "storageClass", "'" + storageClass + "' is not a valid storage class name")
                .require(ACCESS_MODES.contains(accessMode), "accessMode", "'" + accessMode + "' is not an access mode")
                .done();
    }
}
