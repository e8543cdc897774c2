package dev.kforge.validate;

import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.api.Metrics;
import dev.kforge.api.Platform;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.Manifests;
import dev.kforge.objects.KubeObject;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.testing.SamplePlatforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaValidatorTest {

    private final SchemaValidator validator = SchemaValidator.forVersion(null);

    @Test
    void validate_whenShopPlatformRendered_thenEveryManifestIsClean() {
        // given
        FileTree tree = Kforge.render(SamplePlatforms.shop(), Map.of());
        // when
        List<ValidationProblem> problems = validator.validate(tree);
        // then
        assertThat(problems).isEmpty();
        assertThat(tree.files().keySet().stream().filter(SchemaValidator::isManifest)).hasSizeGreaterThan(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.30", "1.31", "1.32", "1.33"})
    void validate_whenShopObjectsOfEveryEnvironment_thenCleanInEveryVersion(String version) {
        // given
        Platform shop = SamplePlatforms.shop();
        SchemaValidator v = SchemaValidator.forVersion(version);
        List<ValidationProblem> problems = new ArrayList<>();
        // when
        for (String env : List.of("dev", "staging", "prod")) {
            for (KubeObject o : Kforge.objects(shop, env, EnvironmentProfiles.builtIn())) {
                problems.addAll(v.validate(Manifests.toTree(o.object()), env + "/" + o.id(), 0));
            }
        }
        // then
        assertThat(problems).isEmpty();
    }

    @Test
    void validate_whenServiceMonitorFromKforge_thenClean() {
        // given
        Platform platform = Platform.builder("obs")
                .service(Service.builder("api", ServiceKind.WEB_SERVICE).image("api:1.0.0").port("http", 8080).resources("100m", "200m", "64Mi", "128Mi")
                        .metrics(new Metrics("http", null, null)).build())
                .build();
        // when
        List<ValidationProblem> problems = validator.validate(Kforge.render(platform, Map.of()));
        // then
        assertThat(problems).isEmpty();
    }

    @Test
    void validate_whenServiceMonitorHasUnknownField_thenInvalid() {
        // given
        String yaml = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: api
                spec:
                  selector:
                    matchLabels: {app: api}
                  endpoints:
                  - port: http
                    intervall: 30s
                """;
        // when
        List<ValidationProblem> problems = validator.validate("sm.yaml", yaml);
        // then
        assertThat(problems).extracting(Object::toString)
                .containsExactly("sm.yaml:10: ServiceMonitor/api: .spec.endpoints[0].intervall: unknown field \"intervall\"");
    }

    @Test
    void validate_whenCertManagerOrArgoCdResourceHasAnUnknownField_thenInvalid() {
        // given a Certificate and an Argo CD Application, each with one misspelt field
        String certificate = """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: web}
                spec:
                  secretName: web-tls
                  dnsNames: [www.shop.example]
                  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
                  renewBefor: 360h
                """;
        String application = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: https://git.example/gitops.git, path: deploy, targetRevision: main}
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  revisionHistoryLimt: 5
                """;
        // when
        List<ValidationProblem> certificateProblems = validator.validate("cert.yaml", certificate);
        List<ValidationProblem> applicationProblems = validator.validate("app.yaml", application);
        // then
        assertThat(certificateProblems).extracting(Object::toString).singleElement().asString()
                .contains("Certificate/web: .spec.renewBefor").contains("renewBefor");
        assertThat(applicationProblems).extracting(Object::toString).singleElement().asString()
                .contains("Application/shop: .spec.revisionHistoryLimt").contains("unknown field");
    }

    @Test
    void validate_whenCustomResourceNamespaceIsAMap_thenUnreadableAsKubeconformFindsIt() {
        // given a ServiceMonitor whose CRD schema leaves metadata open, but kubeconform reads namespace as text first
        String yaml = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: api
                  namespace: {team: a}
                spec:
                  selector:
                    matchLabels: {app: api}
                  endpoints:
                  - port: http
                """;
        // when
        List<ValidationProblem> problems = validator.validate("sm.yaml", yaml);
        // then
        assertThat(problems).extracting(Object::toString)
                .containsExactly("sm.yaml:5: ServiceMonitor/api: .metadata.namespace: must be a string, not object");
    }

    @Test
    void validate_whenCustomResourceMetadataKeysInOtherCaseOrNumbers_thenReadAsKubeconformReadsThem() {
        // given keys matched in any case (Go's JSON), a number read as text, and a list under "Metadata"
        String numberName = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: 42
                spec:
                  selector: {}
                  endpoints: []
                """;
        String listMetadata = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: api
                Metadata: [a]
                spec:
                  selector: {}
                  endpoints: []
                """;
        // when
        List<ValidationProblem> number = validator.validate("a.yaml", numberName);
        List<ValidationProblem> list = validator.validate("b.yaml", listMetadata);
        // then
        assertThat(number).isEmpty();
        assertThat(list).extracting(Object::toString)
                .containsExactly("b.yaml:5: ServiceMonitor/api: .Metadata: must be a map, not array");
    }

    @Test
    void validate_whenCustomResourceOfUserCrd_thenCheckedAgainstItsSchema() {
        // given
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets}
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
                            required: [size]
                            properties:
                              size: {type: integer, minimum: 1}
                              color: {type: string, enum: [red, blue]}
                              port: {x-kubernetes-int-or-string: true}
                """;
        SchemaValidator withWidgets = validator.withCustomResourceDefinitions(List.of(crd));
        String good = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 2, color: red, port: http}\n";
        String bad = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: 0\n  colour: red\n";
        // when
        List<ValidationProblem> before = validator.validate("w.yaml", good);
        List<ValidationProblem> valid = withWidgets.validate("w.yaml", good);
        List<ValidationProblem> invalid = withWidgets.validate("w.yaml", bad);
        // then
        assertThat(before).singleElement().asString().contains("no schema for kind Widget");
        assertThat(valid).isEmpty();
        assertThat(invalid).extracting(Object::toString).containsExactlyInAnyOrder(
                "w.yaml:5: Widget/w: .spec.size: must be at least 1",
                "w.yaml:6: Widget/w: .spec.colour: unknown field \"colour\"");
    }

    @Test
    void withCustomResourceDefinitions_whenCrdHasNoSchema_thenKforgeExceptionNamesIt() {
        // given
        String crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x.example.com}\n"
                + "spec:\n  group: example.com\n  names: {kind: X}\n  versions: [{name: v1}]\n";
        // then
        assertThatThrownBy(() -> validator.withCustomResourceDefinitions(List.of(crd)))
                .isInstanceOf(KforgeException.class)
                .satisfies(e -> assertThat(((KforgeException) e).problems()).singleElement().asString()
                        .contains("X.example.com has no openAPIV3Schema"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.29", "2.0", "latest", "", "1.32.x"})
    void forVersion_whenVersionUnknown_thenKforgeExceptionListsTheKnownOnes(String version) {
        assertThatThrownBy(() -> SchemaValidator.forVersion(version))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining("1.30, 1.31, 1.32, 1.33 (default 1.32)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.32", "v1.32", "1.32.4", "v1.32.0"})
    void forVersion_whenVersionSpelledWithPrefixOrPatch_thenThatMinorVersion(String version) {
        assertThat(SchemaValidator.forVersion(version).kubernetesVersion()).isEqualTo("1.32");
        assertThat(SchemaValidator.forVersion(version).schemaSource()).isEqualTo("io.kubernetes:client-java-api:23.0.0");
    }

    @Test
    void validate_whenSeveralProblemsInSeveralDocuments_thenAllReportedWithLines() {
        // given
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                data:
                  PORT: 8080
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: "2"
                  selector: {}
                  template:
                    spec:
                      containers:
                      - name: web
                        imagee: nginx
                """;
        // when
        List<ValidationProblem> problems = validator.validate("all.yaml", yaml);
        // then
        assertThat(problems).extracting(Object::toString).containsExactly(
                "all.yaml:6: ConfigMap/a: .data.PORT: expected string, got integer 8080",
                "all.yaml:13: Deployment/web: .spec.replicas: expected integer, got string \"2\"",
                "all.yaml:19: Deployment/web: .spec.template.spec.containers[0].imagee: unknown field \"imagee\"");
    }

    @Test
    void validate_whenMapGiven_thenProblemsAtTheGivenLine() {
        // given
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.put("metadata", Map.of("name", "x"));
        cm.put("data", Map.of("n", 1));
        // when
        List<ValidationProblem> problems = validator.validate(cm, "objects", 7);
        // then
        assertThat(problems).extracting(Object::toString)
                .containsExactly("objects:7: ConfigMap/x: .data.n: expected string, got integer 1");
    }

    @Test
    void isManifest_whenKustomizationOrPatch_thenSkipped() {
        assertThat(SchemaValidator.isManifest("kustomize/base/web/deployment.yaml")).isTrue();
        assertThat(SchemaValidator.isManifest("kustomize/overlays/dev/configmap-extra.yaml")).isTrue();
        assertThat(SchemaValidator.isManifest("kustomize/base/kustomization.yaml")).isFalse();
        assertThat(SchemaValidator.isManifest("kustomize/overlays/dev/patches/deployment-web.yaml")).isFalse();
        assertThat(SchemaValidator.isManifest("helm/web/templates/deployment.yaml")).isFalse();
    }

    @Test
    void toString_whenRuleAndNoKind_thenFormatted() {
        assertThat(new ValidationProblem("f.yaml", 3, "Deployment", "web", ".spec.replicas", "too many", "K001",
                Severity.WARNING)).hasToString("f.yaml:3: Deployment/web: .spec.replicas: too many [K001]");
        assertThat(new ValidationProblem("f.yaml", 1, null, null, "", "invalid YAML", null, Severity.ERROR))
                .hasToString("f.yaml:1: invalid YAML");
    }
}
