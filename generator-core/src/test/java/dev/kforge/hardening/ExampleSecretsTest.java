package dev.kforge.hardening;

import dev.kforge.testing.SecretScan;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * No secret value in any example's committed output ({@code examples/*}{@code /deploy/}, read from the module's
 * folder, the tests' working directory): the model holds references only, and this proves the files generated from
 * it do too. The scan is shown to catch each kind of secret by planting one in a copy of an example's output.
 */
class ExampleSecretsTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path copy;

    static List<Path> deployDirectories() {
        try (Stream<Path> examples = Files.list(EXAMPLES)) {
            return examples.map(e -> e.resolve("deploy")).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void deployDirectories_whenListed_thenEveryExampleWithCommittedOutputIsThere() {
        assertThat(deployDirectories()).extracting(d -> d.getParent().getFileName().toString())
                .contains("api-gateway", "bot-manager", "isp-tenants", "paas-instances");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployDirectories")
    void scan_whenAnExamplesCommittedOutput_thenNoSecretValueAnywhere(Path deploy) {
        // when
        SecretScan.Result result = SecretScan.scan(deploy);
        // then
        assertThat(result.findings()).isEmpty();
        // and the scan read the output: its files, the variables (secret ones among them), the chart values
        assertThat(result.files()).isGreaterThan(50);
        assertThat(result.variables()).isGreaterThan(5);
        assertThat(result.chartValues()).isGreaterThan(50);
    }

    @Test
    void scan_whenATenantsRootPatchesItsVariablesByIndex_thenEachIsResolvedToItsName() {
        // when: each tenant root sets its TENANT_ID and license by index into the tenant base's variables
        SecretScan.Result result = SecretScan.scan(EXAMPLES.resolve("isp-tenants/deploy"));
        // then
        assertThat(result.indexedPatches()).isGreaterThanOrEqualTo(50);
        assertThat(result.findings()).isEmpty();
    }

    static Stream<Arguments> plants() {
        String base = "kustomize/base/gateway/";
        return Stream.of(
                arguments("a Secret object", "api-gateway", base + "secret.yaml", null, """
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: gateway-database}
                        stringData: {password: hunter2}
                        """, "a Secret with data or stringData"),
                arguments("a Secret in a Helm template", "api-gateway", "helm/api-gateway/templates/configmap.yaml",
                        "", """
                        ---
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: {{ .Release.Name }}-database
                        data:
                          password: {{ "hunter2" | b64enc }}
                        """, "a Secret with data or stringData"),
                arguments("a secretGenerator", "api-gateway", "kustomize/overlays/prod/kustomization.yaml", "",
                        "secretGenerator:\n- name: database\n  literals: [password=hunter2]\n",
                        "a secretGenerator"),
                arguments("a variable's literal in a Deployment", "api-gateway", base + "deployment.yaml",
                        "        - name: DATABASE_PASSWORD\n          valueFrom:\n            secretKeyRef:\n"
                                + "              name: postgresql-auth\n              key: password\n",
                        "        - name: DATABASE_PASSWORD\n          value: hunter2\n",
                        "the variable DATABASE_PASSWORD has a literal value"),
                arguments("a variable's literal in chart values", "api-gateway", "helm/api-gateway/values.yaml",
                        "    - name: DATABASE_PASSWORD\n      valueFrom:\n        secretKeyRef:\n"
                                + "          name: postgresql-auth\n          key: password\n",
                        "    - name: DATABASE_PASSWORD\n      value: hunter2\n",
                        "the variable DATABASE_PASSWORD has a literal value"),
                arguments("a variable's literal patched in by index", "isp-tenants",
                        "kustomize/tenants/acme/prod/kustomization.yaml", "containers/0/env/3/value",
                        "containers/0/env/2/value", "the variable DATABASE_PASSWORD gets a literal value from a patch"),
                arguments("a patch of a variable that cannot be resolved", "isp-tenants",
                        "kustomize/tenants/acme/prod/kustomization.yaml", "containers/0/env/3/value",
                        "containers/0/env/99/value", "cannot tell which variable "
                                + "/spec/template/spec/containers/0/env/99/value sets in Deployment/dotmac-tenant"),
                arguments("a ConfigMap entry under a secret name", "api-gateway", base + "configmap.yaml",
                        "  ROUTES_FILE:", "  API_TOKEN: 3f9a1c\n  ROUTES_FILE:",
                        "the ConfigMap entry API_TOKEN holds a value"),
                arguments("a private key in a ConfigMap", "api-gateway", base + "configmap.yaml", "  ROUTES_FILE:",
                        "  tls.pem: |\n    -----BEGIN EC PRIVATE KEY-----\n    MHcCAQEEIIrY\n"
                                + "    -----END EC PRIVATE KEY-----\n  ROUTES_FILE:", "a private key block"),
                arguments("a password in chart values", "api-gateway", "helm/api-gateway/values-prod.yaml", "",
                        "cache:\n  auth:\n    password: hunter2\n", "a password-looking literal under password"),
                arguments("a password in a backing service's inline values", "api-gateway",
                        "kustomize/backing-services/prod/kustomization.yaml", "existingSecret: postgresql-auth",
                        "postgresPassword: hunter2", "a password-looking literal under postgresPassword"));
    }

    /**
     * @param example the example whose output is copied
     * @param file    the file planted into, relative to {@code deploy/}
     * @param replace the text replaced in it; {@code ""} to append, {@code null} for a new file
     * @param with    what it is replaced with
     * @param finding what the scan must say, and nothing else
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("plants")
    void scan_whenASecretIsPlantedInAnExamplesOutput_thenItIsTheOneFinding(String plant, String example, String file,
                                                                         String replace, String with, String finding)
            throws IOException {
        // given a copy of the example's output, clean, with one secret planted
        Path deploy = Trees.copy(EXAMPLES.resolve(example).resolve("deploy"), copy.resolve("deploy"));
        assertThat(SecretScan.scan(deploy).findings()).as("the copy before planting").isEmpty();
        Path target = deploy.resolve(file);
        if (replace == null) {
            Files.writeString(target, with);
        } else if (replace.isEmpty()) {
            Files.writeString(target, Files.readString(target) + with);
        } else {
            String text = Files.readString(target);
            assertThat(text).as("where the secret goes").contains(replace);
            Files.writeString(target, text.replaceFirst(java.util.regex.Pattern.quote(replace),
                    java.util.regex.Matcher.quoteReplacement(with)));
        }

        // when
        SecretScan.Result result = SecretScan.scan(deploy);

        // then
        assertThat(result.findings()).extracting(SecretScan.Finding::toString).containsExactly(file + ": " + finding);
    }
}
