package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReferencesTest {

    private static final String USES_EVERYTHING = Fixtures.deployment("web", """
            serviceAccountName: web
            volumes:
            - {name: settings, configMap: {name: web-settings}}
            - {name: tls, secret: {secretName: web-tls}}
            - {name: data, persistentVolumeClaim: {claimName: web-data}}
            - {name: extra, configMap: {name: web-extra, optional: true}}
            """).replace("        ports: [{name: http, containerPort: 8080}]\n", """
                    ports: [{name: http, containerPort: 8080}]
                    env:
                    - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: web-db, key: password}}}
                    - {name: DB_HOST, valueFrom: {configMapKeyRef: {name: web-settings, key: host}}}
                    envFrom: [{secretRef: {name: web-env}}]
            """);

    private static List<String> rules(List<ValidationProblem> problems) {
        return problems.stream().map(p -> p.rule() + " " + p.path()).toList();
    }

    @Test
    void check_whenNothingReferencedExists_thenOneErrorPerMissingObjectAtItsFirstUse() {
        // when
        List<ValidationProblem> problems = Fixtures.check(USES_EVERYTHING);
        // then: web-settings is used twice, reported once; the optional ConfigMap is not reported
        assertThat(rules(problems)).containsExactly(
                "service-account-exists .spec.template.spec.serviceAccountName",
                "configmap-exists .spec.template.spec.volumes[0].configMap.name",
                "secret-exists .spec.template.spec.volumes[1].secret.secretName",
                "claim-exists .spec.template.spec.volumes[2].persistentVolumeClaim.claimName",
                "secret-exists .spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name",
                "secret-exists .spec.template.spec.containers[0].envFrom[0].secretRef.name");
        assertThat(problems.get(4)).hasToString("app.yaml:1: Deployment/web: .spec.template.spec.containers[0].env[0]"
                + ".valueFrom.secretKeyRef.name: Secret 'web-db' is not among the objects of namespace shop and not "
                + "declared as a prerequisite, so its containers do not start (CreateContainerConfigError) or its "
                + "pods wait for the volume; add it, or declare that it exists beforehand (annotation "
                + "kforge.dev/prerequisites: Secret/web-db) [secret-exists]");
    }

    @Test
    void check_whenObjectsOrTheirMakersArePresent_thenNothing() {
        // given: an ExternalSecret makes web-db, a Certificate web-tls, a SealedSecret web-env
        String yaml = USES_EVERYTHING + """
                ---
                {apiVersion: v1, kind: ServiceAccount, metadata: {name: web, namespace: shop}}
                ---
                {apiVersion: v1, kind: ConfigMap, metadata: {name: web-settings, namespace: shop}}
                ---
                {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: web-data, namespace: shop}, spec: {accessModes: [ReadWriteMany]}}
                ---
                {apiVersion: external-secrets.io/v1, kind: ExternalSecret, metadata: {name: web-db, namespace: shop}, spec: {}}
                ---
                {apiVersion: cert-manager.io/v1, kind: Certificate, metadata: {name: web, namespace: shop}, spec: {secretName: web-tls}}
                ---
                {apiVersion: bitnami.com/v1alpha1, kind: SealedSecret, metadata: {name: web-env, namespace: shop}}
                """;
        // when / then
        assertThat(Fixtures.check(yaml).stream().filter(p -> p.rule().endsWith("-exists"))).isEmpty();
    }

    @Test
    void check_whenDeclaredAsPrerequisites_thenNothing() {
        // given: some on the Deployment, some on the Namespace, the rest among the assumptions
        String yaml = USES_EVERYTHING.replace("labels: {app.kubernetes.io/name: web}}", "labels: "
                + "{app.kubernetes.io/name: web}, annotations: {kforge.dev/prerequisites: 'Secret/web-db, "
                + "ServiceAccount/web'}}") + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, annotations: {kforge.dev/prerequisites: ConfigMap/web-settings}}
                """;
        Assumptions assumptions = Assumptions.DEFAULT.withPrerequisites(Set.of("Secret/web-tls",
                "PersistentVolumeClaim/web-data", "Secret/web-env"));
        // when / then
        assertThat(Fixtures.check(yaml, assumptions).stream().filter(p -> p.rule().endsWith("-exists"))).isEmpty();
    }

    @Test
    void check_whenIngressTlsSecretIsMissing_thenErrorUnlessCertManagerIssuesIt() {
        // given
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web, namespace: shop}
                spec:
                  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
                  rules: []
                """;
        String issued = ingress.replace("namespace: shop}", "namespace: shop, annotations: "
                + "{cert-manager.io/cluster-issuer: letsencrypt}}");
        // when / then
        assertThat(Fixtures.check(ingress, References.SECRET)).singleElement()
                .extracting(ValidationProblem::path).isEqualTo(".spec.tls[0].secretName");
        assertThat(Fixtures.check(issued, References.SECRET)).isEmpty();
    }

    @Test
    void check_whenDefaultServiceAccountOrObjectInAnotherNamespace_thenOnlyTheOtherNamespaceCounts() {
        // given: the ConfigMap exists, but in another namespace
        String yaml = Fixtures.deployment("web", """
                serviceAccountName: default
                volumes: [{name: settings, configMap: {name: web-settings}}]
                """) + """
                ---
                {apiVersion: v1, kind: ConfigMap, metadata: {name: web-settings, namespace: other}}
                """;
        // when / then
        assertThat(rules(Fixtures.check(yaml))).containsExactly(
                "configmap-exists .spec.template.spec.volumes[0].configMap.name");
    }
}
