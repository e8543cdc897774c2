package dev.kforge.api;

/**
 * The pod's security settings. The default ({@link #RESTRICTED}) satisfies the restricted Pod Security
 * Standard: non-root with the given ids, read-only root filesystem (an emptyDir is mounted at /tmp), no privilege
 * escalation, all capabilities dropped, RuntimeDefault seccomp. Only the ids and the read-only root filesystem can
 * be relaxed here.
 *
 * @param runAsUser              user id, at least 1 (default 10001)
 * @param runAsGroup             group id, at least 1 (default 10001)
 * @param fsGroup                group owning mounted volumes (default 10001)
 * @param readOnlyRootFilesystem default true
 */
public record Security(long runAsUser, long runAsGroup, long fsGroup, boolean readOnlyRootFilesystem) {

    /** The restricted default. */
    public static final Security RESTRICTED = new Security(10001, 10001, 10001, true);

    public Security {
        new Checks().atLeast(runAsUser, 1, "runAsUser").atLeast(runAsGroup, 1, "runAsGroup")
                .atLeast(fsGroup, 0, "fsGroup").done();
    }
}
