package dev.kforge.spec;

import dev.kforge.api.ExternalSecret;
import dev.kforge.api.SecretStore;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads the secrets a platform takes from an external store: each entry of {@code secrets:} into an
 * {@link ExternalSecret}, and a secret store (a secret's {@code store}, an environment's {@code secretStore}) given as
 * a map or, for a ClusterSecretStore, as just its name. Only names and keys are read here; no secret value is ever
 * part of a spec.
 */
final class SecretMapper {

    private static final List<String> SECRET = SpecFormat.SECRET.names();
    private static final List<String> SECRET_STORE = SpecFormat.SECRET_STORE.names();
    private static final List<String> SECRET_DATA = SpecFormat.SECRET_DATA.names();

    private final Context cx;

    SecretMapper(Context cx) {
        this.cx = cx;
    }

    /**
     * {@code <name>: {store: {name, kind} | <name>, refreshInterval, data: {<key>: {remoteKey, property}}}}: an
     * ExternalSecret, with its store as a map or, for a ClusterSecretStore, just its name.
     */
    ExternalSecret secret(String name, String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map with store, refreshInterval and data", SECRET);
        if (f == null) {
            return null;
        }
        if (Context.absent(body)) {
            cx.reportAt(path, "is empty; give its store and data");
            return null;
        }
        SecretStore store = f.require("store", "the SecretStore or ClusterSecretStore to read from, like {name: "
                + "vault, kind: ClusterSecretStore}") ? secretStore(f, "store") : null;
        String refreshInterval = f.text("refreshInterval");
        List<ExternalSecret.Data> data = new ArrayList<>();
        Fields keys = f.require("data", "map each key of the Secret to its remoteKey in the store, like password: "
                + "{remoteKey: db/prod, property: password}")
                ? f.map("data", "a map of Secret key to {remoteKey, property}", null) : null;
        if (keys != null) {
            for (String key : keys.keys()) {
                Node value = keys.value(key);
                int b = cx.count();
                Fields ref = Fields.of(cx, keys.path(key), value, "a map with remoteKey and property", SECRET_DATA);
                if (ref == null) {
                    continue;
                }
                String remoteKey = ref.require("remoteKey", "the secret's name or path in the store")
                        ? ref.text("remoteKey") : null;
                String property = ref.text("property");
                ExternalSecret.Data d = cx.unless(b, keys.path(key), () -> new ExternalSecret.Data(key, remoteKey,
                        property));
                if (d != null) {
                    data.add(d);
                }
            }
        }
        return cx.unless(before, path, () -> new ExternalSecret(name, store, refreshInterval, data));
    }

    /** A store given as {@code {name, kind}}, or as a plain name for a ClusterSecretStore. */
    SecretStore secretStore(Fields parent, String key) {
        Node value = parent.value(key);
        if (value instanceof ScalarNode) {
            String storeName = parent.text(key);
            return storeName == null ? null : cx.build(parent.path(key), () -> SecretStore.cluster(storeName));
        }
        Fields f = parent.map(key, "a store name or a map with name and kind (ClusterSecretStore or SecretStore)",
                SECRET_STORE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String storeName = f.require("name", null) ? f.text("name") : null;
        String kind = f.text("kind");
        return cx.unless(before, f.path(), () -> new SecretStore(storeName, kind));
    }
}
