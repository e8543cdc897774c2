package dev.kforge.api;

/**
 * One environment variable: a literal value, a key of a ConfigMap, a key of an existing Secret, or a pod field.
 * Exactly one source is set. Secret values never appear in the model: a literal on a variable whose name says
 * it holds a secret ({@code *PASSWORD*}, {@code *TOKEN*}, {@code *SECRET*}, {@code *_KEY}) is rejected.
 *
 * @param name      variable name
 * @param value     literal value, or {@code null}
 * @param configMap name of a ConfigMap, with {@code key}
 * @param secret    name of a Secret, with {@code key}: one the platform declares ({@link Platform#secrets()}; the
 *                  key must be one of its keys) or, when it declares none of that name, an existing one
 * @param key       key within the ConfigMap or Secret
 * @param fieldPath pod field ({@code metadata.name}, {@code status.podIP}), or {@code null}
 */
public record EnvVar(String name, String value, String configMap, String secret, String key, String fieldPath) {

    public EnvVar {
        Checks c = new Checks().envName(name, "name");
        int sources = (value != null ? 1 : 0) + (configMap != null ? 1 : 0) + (secret != null ? 1 : 0)
                + (fieldPath != null ? 1 : 0);
        c.require(sources == 1, "", "set exactly one of value, configMap, secret or fieldPath (found " + sources + ")");
        c.require((configMap == null && secret == null) || key != null, "key",
                "is required with configMap or secret");
        if (value != null && SecretValues.variable(name)) {
            c.fail("value", SecretValues.literal(name));
        }
        c.done();
    }

    /**
     * Whether a literal value under {@code name} would be a secret written out: the model's one detector, which
     * refuses such literals here, asked by the readiness rule {@code secret-in-env} about hand-written manifests.
     */
    public static boolean secretLooking(String name) {
        return SecretValues.variable(name);
    }

    /** A literal value. */
    public static EnvVar literal(String name, String value) {
        return new EnvVar(name, value, null, null, null, null);
    }

    /** A key of a ConfigMap. */
    public static EnvVar fromConfigMap(String name, String configMap, String key) {
        return new EnvVar(name, null, configMap, null, key, null);
    }

    /** A key of a Secret: one the platform declares under its secrets, or an existing one. */
    public static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVar(name, null, null, secret, key, null);
    }

    /** A pod field through the downward API. */
    public static EnvVar fromField(String name, String fieldPath) {
        return new EnvVar(name, null, null, null, null, fieldPath);
    }
}
