package dev.kforge.hardening;

import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The attack classes an outside sweep found (issue 18), each kept as a case with the message it must end in: a
 * located problem, and the output directory as it was. Attacks on the writer's record are in
 * {@code write.OutputWriterRecordTest}, a write killed midway in {@code write.OutputWriterKillTest}.
 */
class AttacksTest {

    @TempDir
    Path root;

    private Path project;
    private Path deploy;
    private Path outside;

    @BeforeEach
    void project() throws IOException {
        project = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(project.resolve("src/main/kforge"));
        deploy = project.resolve("deploy");
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("ci-token.env"), "CI_TOKEN=glpat-abcdefghij0123456789\n");
    }

    private Path spec(String services) throws IOException {
        return Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform:
                  name: shop
                services:
                %s
                environments:
                  dev: {profile: dev}
                """.formatted(services.indent(2).stripTrailing()));
    }

    private static String web(String extra) {
        return """
                web:
                  kind: web-service
                  image: web:1.0.0
                  ports: {http: 8080}
                  resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                """ + extra.indent(2);
    }

    /** Generates the project's spec, with the project's folder as the boundary; the failure, if any. */
    private Throwable generate(List<Path> allowed) throws IOException {
        Path spec = project.resolve("src/main/kforge/platform.yaml");
        Map<String, String> before = Files.exists(deploy) ? Trees.files(deploy) : null;
        Throwable thrown = catchThrowable(() -> Kforge.generate(new GenerateRequest(spec, deploy)
                .withProject(project, allowed)));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(KforgeException.class).hasMessageNotContaining("\tat ");
            assertThat(Files.exists(deploy) ? Trees.files(deploy) : null).as("nothing written").isEqualTo(before);
        }
        return thrown;
    }

    private Throwable generate() throws IOException {
        return generate(List.of());
    }

    // ---------------------------------------------------------------- files that leave the project

    @Test
    void configFromFiles_whenItClimbsOutOfTheProject_thenRefusedAtItsLineSayingHowToAllowIt() throws IOException {
        // given
        spec(web("config: {fromFiles: [../../../../outside/ci-token.env]}"));

        // when
        Throwable thrown = generate();

        // then
        assertThat(thrown).hasMessageContaining("platform.yaml:9: services.web.config.fromFiles.0: "
                        + "'../../../../outside/ci-token.env' names " + outside.toRealPath().resolve("ci-token.env")
                        + ", outside the project (" + project.toRealPath() + ")")
                .hasMessageContaining("-Dk8s.allowedDirectories=" + outside.toRealPath());
        assertThat(deploy).doesNotExist();
    }

    @Test
    void configFromFiles_whenASymbolicLinkInTheProjectLeadsOut_thenRefused() throws IOException {
        // given
        Path config = Files.createDirectories(project.resolve("src/main/kforge/config"));
        Files.createSymbolicLink(config.resolve("app.env"), outside.resolve("ci-token.env"));
        spec(web("config: {fromFiles: [config/app.env]}"));

        // when / then
        assertThat(generate()).hasMessageContaining("services.web.config.fromFiles.0: 'config/app.env' leads "
                + "through a symbolic link to " + outside.toRealPath().resolve("ci-token.env") + ", outside the "
                + "project");
    }

    @Test
    void configFromFiles_whenItNamesTheProcessEnvironment_thenRefusedAsAFileOfTheSystem() throws IOException {
        // given the build machine's environment, reached through ../ as the sweep did
        String climb = "../".repeat(project.toRealPath().getNameCount() + 3) + "proc/self/environ";
        spec(web("config: {fromFiles: [" + climb + "]}"));

        // when / then
        assertThat(generate()).hasMessageContaining("services.web.config.fromFiles.0: '" + climb + "' leads to "
                + "/proc/").hasMessageContaining("a file of the operating system; kforge never reads under /proc");
    }

    @Test
    void configFromFiles_whenItIsAFifo_thenRefusedWithoutBlocking() throws Exception {
        // given a FIFO, which would block a reader forever
        Path fifo = project.resolve("src/main/kforge/pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        spec(web("config: {fromFiles: [pipe]}"));

        // when / then
        assertThat(generate()).hasMessageContaining("services.web.config.fromFiles.0: 'pipe' is "
                + fifo.toRealPath() + ", a device, FIFO or socket; kforge reads only regular files");
    }

    @Test
    void configFromFiles_whenTheFolderIsAllowedExplicitly_thenItIsRead() throws IOException {
        // given a folder of shared configuration outside the project, allowed in the plugin's configuration
        Files.writeString(outside.resolve("shared.yaml"), "log-level: info\n");
        spec(web("config: {fromFiles: [../../../../outside/shared.yaml]}"));

        // when
        Throwable thrown = generate(List.of(outside));

        // then
        assertThat(thrown).isNull();
        assertThat(Files.readString(deploy.resolve("kustomize/base/web/configmap.yaml"))).contains("log-level: info");
    }

    @Test
    void catalog_whenItLeadsOutOfTheProject_thenRefused() throws IOException {
        // given a tenant catalog that is a link to a file outside
        Files.createSymbolicLink(project.resolve("src/main/kforge/tenants.csv"), outside.resolve("ci-token.env"));
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform: {name: isp}
                tenancy: {namespacePrefix: isp, catalog: tenants.csv}
                services:
                  app: {kind: web-service, image: app:1.0.0, ports: {http: 8080}}
                environments:
                  prod: {profile: prod}
                """);

        // when / then
        assertThat(generate()).hasMessageContaining("platform.yaml:2: tenancy.catalog: 'tenants.csv' leads "
                + "through a symbolic link to " + outside.toRealPath().resolve("ci-token.env"));
    }

    @Test
    void templates_whenATemplateLeadsOutOfTheProject_thenRefusedAtTheTemplate() throws IOException {
        // given a template beside the spec that is a link to a file outside
        Path templates = Files.createDirectories(project.resolve("src/main/kforge/templates"));
        Files.createSymbolicLink(templates.resolve("leak.yaml.j2"), outside.resolve("ci-token.env"));
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform: {name: paas}
                tenancy: {namespacePrefix: paas}
                plans:
                  starter: {cpu: 500, memory: 1024, storage: 10}
                tenants:
                  alice:
                    tier: small
                    licenseTier: pro
                    domain: alice.paas.example.com
                    instances:
                      blog: {template: blog, plan: starter}
                environments:
                  prod: {profile: prod}
                """);

        // when / then
        assertThat(generate()).hasMessageContaining("templates/leak.yaml.j2: 'templates/leak.yaml.j2' leads "
                + "through a symbolic link to " + outside.toRealPath().resolve("ci-token.env"));
    }

    @Test
    void fromManifests_whenTheFileIsOutsideTheProject_thenRefused() throws IOException {
        // given
        Files.writeString(outside.resolve("kubernetes.yml"), "kind: Deployment\n");
        spec("""
                web:
                  kind: web-service
                  fromManifests: {file: ../../../../outside/kubernetes.yml}
                """);

        // when / then
        assertThat(generate()).hasMessageContaining("services.web.fromManifests.file: "
                + "'../../../../outside/kubernetes.yml' names " + outside.toRealPath().resolve("kubernetes.yml")
                + ", outside the project");
    }

    // ---------------------------------------------------------------- templates

    private void paas(String params) throws IOException {
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform: {name: paas}
                tenancy: {namespacePrefix: paas}
                plans:
                  starter: {cpu: 500, memory: 1024, storage: 10}
                tenants:
                  alice:
                    tier: small
                    licenseTier: pro
                    domain: alice.paas.example.com
                    instances:
                      flows:
                        template: automation
                        plan: starter
                        params: %s
                environments:
                  prod: {profile: prod}
                """.formatted(params));
    }

    @Test
    void templateParameter_whenItCarriesYamlThatGrantsSecrets_thenRefusedAtTheParameterLine() throws IOException {
        // given the sweep's attack: a version whose line breaks add an RBAC rule for secrets and pods/exec
        paas("{version: \"1.94.1\\nrbac: [{apiGroups: [''], resources: [secrets, pods/exec], verbs: [get, "
                + "create]}]\"}");

        // when / then
        assertThat(generate()).hasMessageContaining("platform.yaml:14: tenants.alice.instances.flows.params.version: "
                + "'1.94.1\\u000arbac: ").hasMessageContaining("is not one line of text");
        assertThat(deploy).doesNotExist();
    }

    @Test
    void templateParameter_whenItBreaksOutOfItsQuotes_thenRefusedAsChangingTheStructure() throws IOException {
        // given a database name that closes its quotes in a flow list and adds another dependency
        paas("{database: 'flows-db\", \"billing-db'}");

        // when / then
        assertThat(generate()).hasMessageContaining("tenants.alice.instances.flows.params.database: 'flows-db\", "
                + "\"billing-db' would change the structure of what templates/automation.yaml.j2 writes");
    }

    // ---------------------------------------------------------------- hosts and names

    @Test
    void ingress_whenTwoServicesClaimOneHostAndPath_thenTheSecondIsRefusedNamingTheFirst() throws IOException {
        // given a second service taking the first's host: the ingress controller would pick one silently
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform: {name: shop, domain: example.com}
                services:
                  web:
                    kind: web-service
                    image: web:1.0.0
                    ports: {http: 8080}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    ingress: {rules: [{host: shop}]}
                  promo:
                    kind: web-service
                    image: promo:1.0.0
                    ports: {http: 8080}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    ingress: {rules: [{host: shop.prod.example.com, paths: [{path: /api}, {path: /}]}]}
                environments:
                  prod: {profile: prod, domain: prod.example.com}
                """);

        // when / then: only the same path collides; /api on the same host is routing, not a takeover
        assertThat(generate()).hasMessageContaining("platform.yaml:14: services.promo.ingress.rules.shop.prod.example.com: "
                        + "claims https://shop.prod.example.com/ (Prefix) in environment prod, which "
                        + "services.web.ingress.rules.shop.paths./ claims too; the ingress controller would send the "
                        + "traffic to only one of them")
                .hasMessageNotContaining("/api (Prefix)");
    }

    @Test
    void tenants_whenTwoShareADomain_thenRefusedAtTheSecondsCatalogRowNamingTheFirst() throws IOException {
        // given
        Files.writeString(project.resolve("src/main/kforge/tenants.csv"), """
                id,tier,licenseTier,domain
                acme,small,pro,acme.isp.example.com
                evil,small,pro,acme.isp.example.com
                """);
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform: {name: isp}
                tenancy: {namespacePrefix: isp, catalog: tenants.csv}
                services:
                  app:
                    kind: web-service
                    image: app:1.0.0
                    ports: {http: 8080}
                    ingress: {rules: [{host: "@"}]}
                environments:
                  prod: {profile: prod}
                """);

        // when / then: one problem for the domain, not one per host it shares
        Throwable thrown = generate();
        assertThat(thrown).hasMessageContaining("tenants.csv:3: tenants.evil.domain: 'acme.isp.example.com' is the "
                + "domain of tenant acme too (tenants.acme.domain); two tenants running in environment prod cannot "
                + "share a domain");
        assertThat(thrown.getMessage()).doesNotContain("claims https://");
    }

    @Test
    void tenants_whenAnInstanceHostIsAnotherTenantsDomain_thenRefusedNamingBoth() throws IOException {
        // given alice's blog at blog.alice.paas.example.com, and mallory's domain chosen to be that host
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform: {name: paas}
                tenancy: {namespacePrefix: paas}
                plans:
                  starter: {cpu: 500, memory: 1024, storage: 10}
                services:
                  home:
                    kind: web-service
                    image: home:1.0.0
                    ports: {http: 8080}
                    ingress: {rules: [{host: "@"}]}
                tenants:
                  alice:
                    tier: small
                    licenseTier: pro
                    domain: alice.paas.example.com
                    instances:
                      blog: {template: blog, plan: starter}
                  mallory:
                    tier: small
                    licenseTier: pro
                    domain: blog.alice.paas.example.com
                environments:
                  prod: {profile: prod}
                """);

        // when / then
        assertThat(generate()).hasMessageContaining("platform.yaml:21: tenants.mallory.domain: its instance of "
                + "services.home (@) claims https://blog.alice.paas.example.com/ (Prefix) in environment prod, which "
                + "tenants.alice.services.blog.ingress.rules.blog.paths./ of tenant alice claims too");
    }

    @Test
    void instances_whenTwoTitlesBecomeOneServiceName_thenRefusedNamingBoth() throws IOException {
        // given
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform: {name: paas}
                tenancy: {namespacePrefix: paas}
                plans:
                  starter: {cpu: 500, memory: 1024, storage: 10}
                tenants:
                  alice:
                    tier: small
                    licenseTier: pro
                    domain: alice.paas.example.com
                    instances:
                      My Blog: {template: blog, plan: starter}
                      my-blog!: {template: blog, plan: starter}
                environments:
                  prod: {profile: prod}
                """);

        // when / then
        assertThat(generate()).hasMessageContaining("platform.yaml:12: tenants.alice.instances.my-blog!: becomes the "
                + "service name 'my-blog', as the instance 'My Blog' (platform.yaml:11) does; rename one of them");
    }

    @Test
    void objects_whenTwoIngressesGetOneName_thenRefusedNamingTheService() throws IOException {
        // given two hosts with the same first label: both Ingresses would be named web-api
        spec(web("ingress: {rules: [{host: api.one.example.com}, {host: api.two.example.com}]}"));

        // when / then
        assertThat(generate()).hasMessageContaining("services.web: its Ingress/web-api has the name of another of "
                + "its own in the namespace shop; one would replace the other. Rename the service, or give its hosts "
                + "different first labels");
    }

    // ---------------------------------------------------------------- secret shapes

    @Test
    void secrets_whenTheSweepsShapesAreWrittenInTheSpec_thenEachIsRefusedAtItsLine() throws IOException {
        // given each secret the sweep got past the old detector
        Files.writeString(project.resolve("src/main/kforge/aws"), "[default]\naws_access_key_id = "
                + "AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), """
                platform: {name: shop}
                backingServices:
                  db:
                    ports: [5432]
                    chart:
                      repository: oci://registry-1.docker.io/bitnamicharts
                      version: 16.7.4
                      values:
                        auth: {existingSecret: db-auth}
                        primary: {extraEnvVars: [{name: POSTGRES_PASSWORD, value: hunter2}]}
                services:
                  web:
                    kind: web-service
                    image: web:1.0.0
                    ports: {http: 8080}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    args: [--password, hunter2]
                    env:
                      PW: hunter2
                      DATABASE_URL: postgres://app:hunter2@db:5432/app
                    config: {fromFiles: [aws]}
                    podAnnotations: {build/blob: Zm9vYmFyQmF6MTIzNDU2Nzg5MFF3ZXJ0eVVpb3BBc2RmZ2g=}
                environments:
                  dev: {profile: dev}
                """);

        // when
        Throwable thrown = generate();

        // then
        assertThat(thrown).hasMessageContaining("platform.yaml:10: backingServices.db.chart.values.primary"
                        + ".extraEnvVars.0.value: the variable 'POSTGRES_PASSWORD' in the chart's values looks like a "
                        + "secret")
                .hasMessageContaining("platform.yaml:17: services.web.args.1: the value of --password looks like a "
                        + "secret on the command line")
                .hasMessageContaining("platform.yaml:19: services.web.env.PW.value: 'PW' looks like a secret")
                .hasMessageContaining("platform.yaml:20: services.web.env.DATABASE_URL.value: 'DATABASE_URL' holds "
                        + "what looks like a URL with a password")
                .hasMessageContaining("services.web.config.files.aws: 'aws' holds what looks like an AWS access key")
                .hasMessageContaining("platform.yaml:22: services.web.podAnnotations.build/blob: 'build/blob' holds "
                        + "what looks like high-entropy base64")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("AKIA");
    }

    @Test
    void secrets_whenTheSpecSaysAValueIsNoSecret_thenGeneratedAndTheExceptionIsListed() throws IOException {
        // given
        Path spec = spec(web("env: {SIGNING_KEY: kid-2024-01}"));
        Files.writeString(spec, Files.readString(spec) + "policy:\n  notSecret:\n"
                + "    services.web.env.SIGNING_KEY.value: the key's public id, not the key\n");

        // when
        Throwable thrown = generate();

        // then
        assertThat(thrown).isNull();
        assertThat(Kforge.generate(new GenerateRequest(project.resolve("src/main/kforge/platform.yaml"), deploy)
                .withProject(project, List.of())).summary()).contains("policy: services.web.env.SIGNING_KEY.value "
                + "is not a secret: the key's public id, not the key");
    }

    @Test
    void outputDirectory_whenItHoldsTheProject_thenRefusedBeforeAnythingIsRead() {
        Throwable thrown = catchThrowable(() -> new GenerateRequest(project.resolve("src/main/kforge/platform.yaml"),
                root).withProject(project, List.of()));
        assertThat(thrown).isInstanceOf(KforgeException.class)
                .hasMessageContaining("kforge replaces its output directory as a whole, so give it a folder of its "
                        + "own");
    }
}
