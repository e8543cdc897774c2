package dev.kforge.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names that say they hold a secret. A literal value under such a name is rejected wherever the model takes
 * literals (environment variables, config literals, chart values): secret values never enter the model, only
 * references to them do.
 */
final class SecretNames {

    /** Variable names: {@code *PASSWORD*}, {@code *TOKEN*}, {@code *SECRET*}, {@code *_KEY}, … */
    private static final Pattern VARIABLE =
            Pattern.compile(".*(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL).*|.*_KEY");
    /**
     * Chart value keys, which are camelCase and often name a Secret rather than hold one ({@code existingSecret},
     * {@code secretKeys.userPasswordKey}): only keys ending in a word for a secret value.
     */
    private static final Pattern VALUE_KEY =
            Pattern.compile(".*(password|passwd|token|apikey|secretkey|privatekey|clientsecret|credentials?)");

    /** What to do instead, ending every message about a secret-looking literal. */
    static final String ADVICE = "never put secret values in the model: declare the secret under 'secrets:' (an "
            + "ExternalSecret the External Secrets Operator fills from your secret store) and reference it with "
            + "'secret: <name>' and 'key: <key>', or reference an existing Secret the same way";

    private SecretNames() {
    }

    /** True if an environment variable (or config literal) named {@code name} would hold a secret. */
    static boolean variable(String name) {
        return name != null && VARIABLE.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    /** True if a chart value under {@code key} would hold a secret. */
    static boolean valueKey(String key) {
        return key != null && VALUE_KEY.matcher(key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""))
                .matches();
    }
}
