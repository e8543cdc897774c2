package dev.kforge.validate.readiness;

import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.ValidationProblem;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-written manifests for the readiness tests: objects read from YAML text, each with its document's line. */
final class Fixtures {

    private Fixtures() {
    }

    /** The objects of {@code yaml} and where each starts. */
    record Read(List<Map<String, Object>> objects, List<PolicyRules.Source> sources) {
    }

    @SuppressWarnings("unchecked")
    static Read read(String file, String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        List<PolicyRules.Source> sources = new ArrayList<>();
        String[] lines = yaml.split("\n", -1);
        StringBuilder doc = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            boolean end = i == lines.length || lines[i].startsWith("---");
            if (!end) {
                if (doc.isEmpty() && (lines[i].isBlank() || lines[i].startsWith("#"))) {
                    continue;
                }
                if (doc.isEmpty()) {
                    start = i + 1;
                }
                doc.append(lines[i]).append('\n');
                continue;
            }
            if (!doc.isEmpty()) {
                Object o = new Load(LoadSettings.builder().build()).loadFromString(doc.toString());
                objects.add((Map<String, Object>) o);
                sources.add(new PolicyRules.Source(file, start));
            }
            doc.setLength(0);
        }
        return new Read(objects, sources);
    }

    /** Every readiness problem of {@code yaml}, read as {@code app.yaml}. */
    static List<ValidationProblem> check(String yaml) {
        return check(yaml, Assumptions.DEFAULT);
    }

    static List<ValidationProblem> check(String yaml, Assumptions assumptions) {
        Read read = read("app.yaml", yaml);
        return Readiness.check(read.objects(), read.sources(), assumptions, List.of());
    }

    /** The problems of one rule. */
    static List<ValidationProblem> check(String yaml, PolicyRules.Rule rule) {
        return check(yaml, Assumptions.DEFAULT, rule);
    }

    static List<ValidationProblem> check(String yaml, Assumptions assumptions, PolicyRules.Rule rule) {
        return check(yaml, assumptions).stream().filter(p -> rule.id().equals(p.rule())).toList();
    }

    /** A Deployment {@code name} in namespace {@code shop} with pod labels {@code app: <name>}. */
    static String deployment(String name, String extraPodSpec) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: shop, labels: {app.kubernetes.io/name: %1$s}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers:
                      - name: %1$s
                        image: shop/%1$s:1.0.0
                        ports: [{name: http, containerPort: 8080}]
                %2$s""".formatted(name, extraPodSpec.isEmpty() ? "" : extraPodSpec.indent(6));
    }

    /** A NetworkPolicy {@code name} in namespace {@code shop}, as a further document, with {@code spec}. */
    static String policy(String name, String spec) {
        return """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: %s, namespace: shop}
                spec:
                %s""".formatted(name, spec.indent(2));
    }
}
