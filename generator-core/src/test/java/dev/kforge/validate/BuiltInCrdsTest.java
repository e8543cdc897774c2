package dev.kforge.validate;

import dev.kforge.api.Problem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The custom resource schemas derived at build time from the vendored upstream CRDs ({@code src/main/crds/}); their
 * verdicts on valid resources and one-defect mutants are in the kubeconform corpus ({@link KubeconformCorpusTest}).
 */
class BuiltInCrdsTest {

    private final SchemaValidator validator = SchemaValidator.forVersion(null);

    @Test
    void kinds_whenBuilt_thenEveryUpstreamKindAndServedVersionIsThere() {
        // when
        Map<String, String> kinds = BuiltInCrds.kinds();
        // then
        assertThat(kinds).containsEntry("cert-manager.io/v1/certificate", "Certificate")
                .containsEntry("cert-manager.io/v1/issuer", "Issuer")
                .containsEntry("cert-manager.io/v1/clusterissuer", "ClusterIssuer")
                .containsEntry("external-secrets.io/v1/externalsecret", "ExternalSecret")
                .containsEntry("external-secrets.io/v1/secretstore", "SecretStore")
                .containsEntry("external-secrets.io/v1/clustersecretstore", "ClusterSecretStore")
                .containsEntry("monitoring.coreos.com/v1/servicemonitor", "ServiceMonitor")
                .containsEntry("monitoring.coreos.com/v1/podmonitor", "PodMonitor")
                .containsEntry("monitoring.coreos.com/v1/prometheusrule", "PrometheusRule")
                .containsEntry("argoproj.io/v1alpha1/application", "Application")
                .containsEntry("argoproj.io/v1alpha1/applicationset", "ApplicationSet")
                .containsEntry("argoproj.io/v1alpha1/appproject", "AppProject");
    }

    @Test
    void validate_whenCertificateUsageIsNotOneCertManagerKnows_thenTheEnumOfUpstreamIsNamed() {
        // given
        String yaml = """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: api}
                spec:
                  secretName: api-tls
                  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
                  usages: [server auth, sever auth]
                """;
        // when
        List<ValidationProblem> problems = validator.validate("cert.yaml", yaml);
        // then
        assertThat(problems).singleElement().asString()
                .startsWith("cert.yaml:7: Certificate/api: .spec.usages[1]: must be one of [\"signing\",")
                .contains("\"server auth\"").endsWith("not \"sever auth\"");
    }

    @Test
    void validate_whenKindInOtherCase_thenFoundAsKubeconformFindsTheSchemaFile() {
        // given: kubeconform looks for the file by the kind in lower case; the CRD schema has no enum on kind
        String yaml = """
                apiVersion: monitoring.coreos.com/v1
                kind: prometheusRule
                metadata: {name: api}
                spec:
                  groups: [{name: api, rules: [{record: job:up:sum, expr: sum(up)}]}]
                """;
        // when
        List<ValidationProblem> problems = validator.validate("rule.yaml", yaml);
        // then
        assertThat(problems).isEmpty();
    }

    @Test
    void validate_whenCustomResourceVersionUnknown_thenTheKnownVersionsAreNamed() {
        // given
        String yaml = """
                apiVersion: external-secrets.io/v1alpha1
                kind: ExternalSecret
                metadata: {name: db}
                spec: {}
                """;
        // when
        List<ValidationProblem> problems = validator.validate("es.yaml", yaml);
        // then
        assertThat(problems).singleElement().asString().endsWith("the CustomResourceDefinitions kforge knows "
                + "define ExternalSecret in external-secrets.io/v1, external-secrets.io/v1beta1");
    }

    @Test
    void convertAll_whenCrdHasAFieldNamedProperties_thenNoBooleanAmongThePropertySchemas() {
        // given: external-secrets' SecretStore has such a field; kubeconform's script puts a boolean there
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: rules.example.com}
                spec:
                  group: example.com
                  names: {kind: Rule, plural: rules}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              properties: {type: array, items: {type: string}}
                              resources: {type: array, items: {type: string}}
                """;
        List<Problem> problems = new ArrayList<>();
        // when
        Object schema = CustomResources.convertAll(List.of(crd), List.of("crd.yaml"), problems)
                .get("example.com/v1/rule").schema();
        SchemaValidator withRule = validator.withCustomResourceDefinitions(List.of(crd));
        // then
        assertThat(problems).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Map<String, Object>>) ((Map<String, Object>)
                schema).get("properties")).get("spec");
        assertThat(spec).containsEntry("additionalProperties", false);
        assertThat(((Map<?, ?>) spec.get("properties")).keySet()).isEqualTo(java.util.Set.of("properties", "resources"));
        assertThat(withRule.validate("r.yaml", "apiVersion: example.com/v1\nkind: Rule\nmetadata: {name: r}\n"
                + "spec: {properties: [a], resource: [b]}\n")).singleElement().asString()
                .isEqualTo("r.yaml:4: Rule/r: .spec.resource: unknown field \"resource\"");
    }

    @Test
    void withoutAnnotations_whenSchemaHasDescriptionsAndAPropertyNamedDescription_thenOnlyTheKeywordsGo() {
        // given
        Map<String, Object> schema = Map.of("type", "object", "description", "a thing",
                "x-kubernetes-preserve-unknown-fields", true,
                "properties", Map.of("description", Map.of("type", "string", "description", "its text",
                        "default", "none")),
                "items", List.of(Map.of("type", "string", "example", "x")),
                "enum", List.of(Map.of("description", "data, not a keyword")));
        // when
        Object stripped = BuiltInCrds.withoutAnnotations(schema);
        // then
        assertThat(stripped).isEqualTo(Map.of("type", "object",
                "properties", Map.of("description", Map.of("type", "string")),
                "items", List.of(Map.of("type", "string")),
                "enum", List.of(Map.of("description", "data, not a keyword"))));
    }
}
