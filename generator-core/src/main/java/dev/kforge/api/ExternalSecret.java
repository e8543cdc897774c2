package dev.kforge.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Secret the platform needs, declared as a reference: the External Secrets Operator fetches its values from a
 * secret store (Vault, AWS Secrets Manager, GCP Secret Manager, …) and creates the Secret {@link #name()} in the
 * namespace. kforge emits an {@code external-secrets.io/v1} ExternalSecret (External Secrets Operator 0.17 or later)
 * in every environment and never sees a value. Services use it like any Secret: {@code EnvVar.fromSecret(var, name,
 * key)} or a secret volume; a variable must then name one of its {@link #data()} keys.
 *
 * <p>In a multi-tenant platform every tenant's namespace gets each ExternalSecret; {@value #TENANT} in a remote key
 * gives each tenant its own value. An environment can read every ExternalSecret from another store ({@link Environment#secretStore()}) and put a
 * prefix in front of every remote key ({@link Environment#remoteKeyPrefix()}). The Secret is owned by the
 * ExternalSecret ({@code creationPolicy: Owner}): deleting one deletes the other. In the output, {@code data} is
 * sorted by key.
 *
 * @param name            DNS-1123 subdomain of at most 253 characters: the ExternalSecret's and the Secret's name
 * @param store           where the values come from
 * @param refreshInterval how often the operator reads the store again, a Go duration ({@code 1h}, {@code 15m},
 *                        {@code 1h30m}; {@code 0} reads once); default {@value #DEFAULT_REFRESH}
 * @param data            the Secret's keys, each read from one remote key; at least one, keys unique
 */
public record ExternalSecret(String name, SecretStore store, String refreshInterval, List<Data> data) {

    /** In a remote key of a multi-tenant platform, the tenant's id. */
    public static final String TENANT = "{tenant}";

    /** The refresh interval when none is given (the operator's own default). */
    public static final String DEFAULT_REFRESH = "1h";

    private static final Pattern GO_DURATION =
            Pattern.compile("0|([0-9]+(\\.[0-9]+)?(ns|us|\u00b5s|ms|s|m|h))+");

    /**
     * One key of the Secret and where its value comes from.
     *
     * @param key       key in the Secret: letters, digits, '-', '_' and '.', at most 253 characters
     * @param remoteKey the secret's name or path in the store ({@code lead-gen/postgresql}); no white space. In a
 *                  multi-tenant platform, {@value #TENANT} stands for the tenant's id ({@code isp/{tenant}/db})
     * @param property  a field within the remote secret (a JSON key, a Vault key), or {@code null} for its whole
     *                  value
     */
    public record Data(String key, String remoteKey, String property) {

        private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

        public Data {
            Checks c = new Checks().required(key, "key").required(remoteKey, "remoteKey");
            if (key != null && !key.isBlank() && (key.length() > 253 || !KEY.matcher(key).matches())) {
                c.fail("key", "'" + Checks.printable(key) + "' is not a Secret key; use at most 253 letters, digits, "
                        + "'-', '_' or '.'");
            }
            if (remoteKey != null && !remoteKey.isBlank()) {
                c.require(noSpace(remoteKey), "remoteKey", "'" + Checks.printable(remoteKey) + "' contains white "
                        + "space or control characters; give the key's name or path in the store");
            }
            if (property != null) {
                c.require(!property.isBlank() && noSpace(property), "property", "'" + Checks.printable(property)
                        + "' is not a property name; leave it out to take the remote secret's whole value");
            }
            c.done();
        }

        /** This key with {@code prefix} in front of its remote key. */
        public Data withRemoteKeyPrefix(String prefix) {
            return prefix == null || prefix.isEmpty() ? this : new Data(key, prefix + remoteKey, property);
        }
    }

    public ExternalSecret {
        refreshInterval = refreshInterval == null ? DEFAULT_REFRESH : refreshInterval;
        data = Copies.list(data);
        Checks c = new Checks().hostName(name, "name").required(store, "store")
                .require(GO_DURATION.matcher(refreshInterval).matches(), "refreshInterval",
                        "'" + Checks.printable(refreshInterval) + "' is not a duration; write it like 1h, 15m or "
                                + "1h30m (0 reads the store once)")
                .require(!data.isEmpty(), "data", "needs at least one key; name the Secret's keys and where each "
                        + "comes from")
                .unique(data, Data::key, "data");
        c.done();
    }

    /** The keys of the Secret, in declared order. */
    public List<String> keys() {
        return data.stream().map(Data::key).toList();
    }

    /** This ExternalSecret as an environment has it: another store when given, remote keys prefixed. */
    public ExternalSecret in(SecretStore environmentStore, String remoteKeyPrefix) {
        return new ExternalSecret(name, environmentStore != null ? environmentStore : store, refreshInterval,
                data.stream().map(d -> d.withRemoteKeyPrefix(remoteKeyPrefix)).toList());
    }

    /** This ExternalSecret for one tenant: {@value #TENANT} in its remote keys replaced by {@code tenantId}. */
    public ExternalSecret forTenant(String tenantId) {
        return new ExternalSecret(name, store, refreshInterval, data.stream().map(d -> new Data(d.key(),
                d.remoteKey().replace(TENANT, tenantId), d.property())).toList());
    }

    static boolean noSpace(String text) {
        return text.codePoints().noneMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch));
    }

    /** Starts an ExternalSecret. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link ExternalSecret}; {@link #key} adds. */
    public static final class Builder {
        private final String name;
        private SecretStore store;
        private String refreshInterval;
        private final List<Data> data = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder store(SecretStore value) { this.store = value; return this; }
        public Builder refreshInterval(String value) { this.refreshInterval = value; return this; }
        /** The Secret's {@code key} from the whole value of {@code remoteKey}. */
        public Builder key(String key, String remoteKey) { data.add(new Data(key, remoteKey, null)); return this; }
        /** The Secret's {@code key} from {@code property} of {@code remoteKey}. */
        public Builder key(String key, String remoteKey, String property) {
            data.add(new Data(key, remoteKey, property));
            return this;
        }

        /** Builds the ExternalSecret, or throws {@link ModelException} with every problem. */
        public ExternalSecret build() {
            return new ExternalSecret(name, store, refreshInterval, data);
        }
    }
}
