package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One run reports the problems of every stage and environment, not the first one's only. */
class KforgeOneRunTest {

    @TempDir
    Path dir;

    /** A web service of three to four replicas that nothing spreads: prod's policy fails on it. */
    private static final String WEB = """
            platform: {name: shop}
            services:
              web:
                kind: web-service
                image: web:1.0.0
                ports: {http: 8080}
                probes: {liveness: {path: /health}, readiness: {path: /ready}}
                resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                autoscaling: {minReplicas: 3, maxReplicas: 4, cpuUtilization: 70}
                disruptionBudget: {minAvailable: "1"}
                scheduling: {antiAffinity: none}
            """;

    private KforgeException generateFails(String spec) throws IOException {
        Path file = Files.writeString(dir.resolve("platform.yaml"), spec);
        return catchThrowableOfType(KforgeException.class,
                () -> Kforge.generate(new GenerateRequest(file, dir.resolve("deploy"))));
    }

    @Test
    void generate_whenEnvironmentsAndPolicyEachHaveAProblem_thenOneRunReportsThemAllAtTheirLines()
            throws IOException {
        // given: dev's override empties the replica range, staging names no profile, a suppression names no rule,
        // and prod (failing on warnings) runs replicas nothing spreads
        String spec = WEB + """
                environments:
                  dev: {profile: dev, services: {web: {minReplicas: 5}}}
                  staging: {profile: stagin}
                  prod: {profile: prod}
                policy:
                  suppress:
                    web: {pdb-for-replica: "the mesh keeps the pods available here"}
                """;
        // when
        KforgeException e = generateFails(spec);
        // then
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "platform.yaml:13: environments.dev.services.web: the replica range becomes 5-2 (maxReplicas below "
                        + "minReplicas); set both minReplicas and maxReplicas for this service",
                "platform.yaml:14: environments.staging.profile: 'stagin' is not a known profile; known: [dev, prod, "
                        + "staging]",
                "platform.yaml:18: policy.suppress.web.pdb-for-replica: 'pdb-for-replica' is not a rule; did you mean "
                        + "'pdb-for-replicas'?",
                "platform.yaml:15: environments.prod: Deployment/web: .spec.template.spec: up to 4 replicas without "
                        + "pod anti-affinity or a topology spread; one node or zone failing could take them all "
                        + "[spread-replicas]");
        assertThat(e.getMessage()).startsWith("4 problems in ").contains("nothing was written");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenAnEnvironmentDoesNotResolve_thenItsPolicyCheckIsSkippedNotGuessed() throws IOException {
        // given: dev fails on warnings and would have the spread finding, but its profile is unknown
        String spec = WEB + """
                environments:
                  dev: {profile: develop}
                  prod: {profile: prod}
                policy:
                  failOn: {dev: warning, prod: error}
                """;
        // when
        KforgeException e = generateFails(spec);
        // then: only the profile; dev's objects were never built, so nothing is said about them
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "platform.yaml:13: environments.dev.profile: 'develop' is not a known profile; known: [dev, prod, "
                        + "staging]");
    }

    @Test
    void generate_whenTheBaseHasAProblemEveryEnvironmentInherits_thenItIsReportedOnceAtTheBase()
            throws IOException {
        // given: a sub-domain host with no domain anywhere; staging alone also names no profile
        String spec = WEB.replace("    scheduling: {antiAffinity: none}\n", "    ingress: {rules: [{host: api}]}\n") + """
                environments:
                  dev: {profile: dev}
                  staging: {profile: nope}
                  prod: {profile: prod}
                """;
        // when
        KforgeException e = generateFails(spec);
        // then: not once more per environment
        assertThat(e.problems()).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("services.web.ingress", "host 'api' is a sub-domain but no domain "
                        + "is set; set the domain of the platform or give a full host name"),
                org.assertj.core.groups.Tuple.tuple("environments.staging.profile", "'nope' is not a known profile; "
                        + "known: [dev, prod, staging]"));
    }

    @Test
    void generate_whenAnInMemoryPlatformFailsInTwoEnvironments_thenBothAreListed() {
        // given: neither environment's profile exists
        Platform platform = Platform.builder("shop")
                .service(Service.builder("worker", ServiceKind.WORKER).image("worker:1.0.0")
                        .resources("100m", "200m", "64Mi", "128Mi").build())
                .environment(Environment.builder("dev").profile("develop").build())
                .environment(Environment.builder("prod").profile("production").build())
                .build();
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class,
                () -> Kforge.generate(platform, dir.resolve("deploy"), "1.0.0"));
        // then
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "environments.dev.profile: 'develop' is not a known profile; known: [dev, prod, staging]",
                "environments.prod.profile: 'production' is not a known profile; known: [dev, prod, staging]");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenAServiceDoesNotReadAndAnotherBreaksThePolicy_thenBothAreReportedInOneRun() throws IOException {
        // given: the worker misspells a key, so it does not read; the web service that did read runs replicas
        // nothing spreads, which fails prod; the worker's stand-in must not be checked in its place
        String spec = WEB + """
                  worker:
                    kind: worker
                    image: worker:1.0.0
                    replcias: 2
                    dependsOn: [web]
                environments:
                  prod: {profile: prod}
                """;
        // when
        KforgeException e = generateFails(spec);
        // then: the reader's problem first, then prod's finding on web, nothing on the worker
        assertThat(e.problems()).extracting(Problem::toString).satisfiesExactly(
                read -> assertThat(read).startsWith("platform.yaml:15: services.worker.replcias: unknown key "),
                policy -> assertThat(policy).startsWith("platform.yaml:18: environments.prod: Deployment/web: ")
                        .endsWith("[spread-replicas]"));
        assertThat(e.notes()).containsExactly("The later checks (environments, policy) ran on the parts that read, "
                + "not on service worker, which did not read; more problems may show once these are fixed.");
        assertThat(e.getMessage()).startsWith("2 problems in ").endsWith("more problems may show once these are "
                + "fixed.");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenTheYamlDoesNotParse_thenItSaysTheLaterChecksDidNotRun() throws IOException {
        // given: a flow map that never closes
        String spec = WEB + "environments: {prod: {profile: prod}\n";
        // when
        KforgeException e = generateFails(spec);
        // then
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.location()).startsWith("platform.yaml:"));
        assertThat(e.notes()).containsExactly("Fix these first: the later checks (environments, policy) did not run, "
                + "as the spec did not read into a platform.");
    }

    @Test
    void generate_whenTheSpecReadsCleanly_thenNoNoteIsAdded() throws IOException {
        // given: only prod's policy fails
        String spec = WEB + """
                environments:
                  prod: {profile: prod}
                """;
        // when
        KforgeException e = generateFails(spec);
        // then
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).endsWith("[spread-replicas]"));
        assertThat(e.notes()).isEmpty();
    }

    @Test
    void generate_whenManyTenantRootsFail_thenEveryTenantIsReportedOncePerCause() throws IOException {
        // given: prod caps the app at one replica; the seven medium tenants' tier starts at 2 and the xlarge one's at
        // 3, so their prod roots fail for two causes; the small tenant's root is fine
        StringBuilder tenants = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            tenants.append("  m").append(i).append(": {tier: medium, licenseTier: standard, domain: m").append(i)
                    .append(".example}\n");
        }
        String spec = """
                platform: {name: isp}
                tenancy: {namespacePrefix: isp, repoUrl: "https://git.example/gitops.git"}
                tenants:
                  big: {tier: xlarge, licenseTier: standard, domain: big.example}
                  few: {tier: small, licenseTier: standard, domain: few.example}
                """ + tenants + """
                services:
                  app:
                    kind: web-service
                    image: app:1.0.0
                    ports: {http: 8080}
                    probes: {liveness: {path: /health}, readiness: {path: /ready}}
                    autoscaling: {minReplicas: 1, maxReplicas: 2, cpuUtilization: 70}
                environments:
                  prod: {profile: prod, services: {app: {maxReplicas: 1}}}
                policy:
                  failOn: {prod: none}
                """;
        // when
        KforgeException e = generateFails(spec);
        // then
        assertThat(e.problems()).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("environments.prod.services.app", "the replica range becomes 3-1 "
                        + "(maxReplicas below minReplicas); set both minReplicas and maxReplicas for this service "
                        + "(in the roots of tenant big)"),
                org.assertj.core.groups.Tuple.tuple("environments.prod.services.app", "the replica range becomes 2-1 "
                        + "(maxReplicas below minReplicas); set both minReplicas and maxReplicas for this service "
                        + "(in the roots of tenants m1, m2, m3, m4, m5 and 2 more)"));
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenACatalogHasMoreProblemsThanARunLists_thenTheFirstAreListedAndTheRestCounted()
            throws IOException {
        // given: 250 tenants on a tier that does not exist
        StringBuilder tenants = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            tenants.append("  t").append(i).append(": {tier: huge, licenseTier: standard, domain: t").append(i)
                    .append(".example}\n");
        }
        String spec = """
                platform: {name: isp}
                tenancy: {namespacePrefix: isp, repoUrl: "https://git.example/gitops.git"}
                tenants:
                """ + tenants + """
                services:
                  app: {kind: worker, image: app:1.0.0}
                environments:
                  prod: {profile: prod}
                """;
        // when
        KforgeException e = generateFails(spec);
        // then
        assertThat(e.problems()).hasSize(RunProblems.LISTED).first().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tenants.t0.tier");
            assertThat(p.location()).isEqualTo("platform.yaml:4");
        });
        assertThat(e.getMessage()).startsWith("250 problems in ");
        assertThat(e.notes()).first().isEqualTo("... and 50 more problems, not listed (250 in all); fix these and "
                + "run again to see the rest");
    }

    @Test
    void generate_whenThePolicyDoesNotRead_thenItsDefaultsAreNotCheckedInItsPlace() throws IOException {
        // given: the policy suppresses the spread finding, but misspells failOn, so the policy does not read; checked
        // with the default policy instead, prod would report the finding the user suppressed
        String spec = WEB + """
                environments:
                  prod: {profile: prod}
                policy:
                  suppress:
                    web: {spread-replicas: "a single-node cluster; there is nothing to spread over"}
                  failsOn: {prod: error}
                """;
        // when
        KforgeException e = generateFails(spec);
        // then
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("policy.failsOn"));
        assertThat(e.notes()).containsExactly("Fix these first: the later checks (environments, policy) did not run, "
                + "as a problem outside a service, environment or tenant of its own would leave them checking "
                + "defaults instead of what you wrote.");
    }
}
