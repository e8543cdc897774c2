package dev.kforge.api;

/**
 * The model's one detector of secret values ({@link SecretValues}, package-private), opened to the tests of other
 * packages, so that a scan of generated output calls secret-looking exactly what the model refuses.
 */
public final class SecretDetector {

    private SecretDetector() {
    }

    /** Whether an environment variable or config literal named {@code name} holds a secret. */
    public static boolean secretName(String name) {
        return SecretValues.variable(name);
    }

    /** Whether a chart value under {@code key} is a secret written out. */
    public static boolean secretChartValue(String key, Object value) {
        return SecretValues.chartValue(key, value);
    }

    /** Whether {@code text} holds a private key. */
    public static boolean privateKey(String text) {
        return SecretValues.privateKey(text);
    }
}
