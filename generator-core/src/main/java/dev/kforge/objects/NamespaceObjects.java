package dev.kforge.objects;

import dev.kforge.api.Quota;
import dev.kforge.api.Resources;
import dev.kforge.resolve.ResolvedPlatform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Namespace with its Pod Security labels, its ResourceQuota and its LimitRange. */
final class NamespaceObjects {

    private static final String PSS = "pod-security.kubernetes.io/";

    private NamespaceObjects() {
    }

    static List<HasMetadata> of(ResolvedPlatform rp) {
        List<HasMetadata> out = new ArrayList<>();
        Map<String, String> labels = Labels.common(rp);
        String level = rp.target().podSecurity().label();
        String version = "v" + rp.platform().kubernetesVersion();
        for (String mode : List.of("enforce", "audit", "warn")) {
            labels.put(PSS + mode, level);
            labels.put(PSS + mode + "-version", version);
        }
        out.add(new NamespaceBuilder().withNewMetadata().withName(rp.target().namespace()).withLabels(labels)
                .endMetadata().build());
        Quota q = rp.target().quota();
        if (q != null) {
            Map<String, Quantity> hard = new LinkedHashMap<>();
            put(hard, "requests.cpu", q.requestsCpu());
            put(hard, "requests.memory", q.requestsMemory());
            put(hard, "limits.cpu", q.limitsCpu());
            put(hard, "limits.memory", q.limitsMemory());
            put(hard, "requests.storage", q.requestsStorage());
            put(hard, "pods", q.pods() == null ? null : q.pods().toString());
            put(hard, "persistentvolumeclaims", q.persistentVolumeClaims() == null ? null
                    : q.persistentVolumeClaims().toString());
            out.add(new ResourceQuotaBuilder().withMetadata(meta(rp, "quota")).withNewSpec().withHard(hard)
                    .endSpec().build());
        }
        Resources limits = rp.target().limitRange();
        if (limits != null) {
            Map<String, Quantity> defaults = new LinkedHashMap<>();
            defaults.put("cpu", new Quantity(limits.cpuLimit()));
            defaults.put("memory", new Quantity(limits.memoryLimit()));
            Map<String, Quantity> requests = new LinkedHashMap<>();
            requests.put("cpu", new Quantity(limits.cpuRequest()));
            requests.put("memory", new Quantity(limits.memoryRequest()));
            out.add(new LimitRangeBuilder().withMetadata(meta(rp, "limits")).withNewSpec().addNewLimit()
                    .withType("Container").withDefault(defaults).withDefaultRequest(requests).endLimit()
                    .endSpec().build());
        }
        return out;
    }

    static io.fabric8.kubernetes.api.model.ObjectMeta meta(ResolvedPlatform rp, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(rp.target().namespace())
                .withLabels(Labels.common(rp)).build();
    }

    private static void put(Map<String, Quantity> hard, String key, String value) {
        if (value != null) {
            hard.put(key, new Quantity(value));
        }
    }
}
