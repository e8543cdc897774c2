package dev.kforge.spec;

import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.api.Tenant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Tenants' {@code instances:} of service templates, sized by {@code plans:}. */
class SpecReaderInstancesTest {

    private static String spec(String plans, String instances) {
        return """
                platform:
                  name: paas
                tenancy:
                  namespacePrefix: paas
                  repoUrl: https://git.example/gitops.git
                %s
                tenants:
                  alice:
                    tier: small
                    licenseTier: free
                    domain: alice.example.com
                    instances:
                %s
                environments:
                  prod: {profile: prod}
                """.formatted(plans, instances);
    }

    private static final String PLANS = "plans:\n  starter: {cpu: 500, memory: 1024, storage: 10}";

    private static List<Problem> problems(String yaml) {
        return catchThrowableOfType(ModelException.class, () -> SpecReader.read("platform.yaml", yaml)).problems();
    }

    @Test
    void read_whenTenantHasInstances_thenEachIsAServiceOfTheTenantNamedDnsSafe() {
        // when
        Platform p = SpecReader.read("platform.yaml", spec(PLANS, """
                      My Flows: {template: automation, plan: starter, params: {database: db}}
                      db: {template: postgresql, plan: starter}
                """));
        // then
        Tenant alice = p.tenants().get(0);
        assertThat(alice.services()).extracting(s -> s.name()).containsExactly("my-flows", "db");
        assertThat(alice.services().get(0).dependsOn()).containsExactly("db");
        assertThat(alice.services().get(1).storage().size()).isEqualTo("10Gi");
        assertThat(p.services()).isEmpty();
    }

    @Test
    void read_whenPlanIsUnknown_thenProblemAtThePlanWithTheKnownOnes() {
        List<Problem> problems = problems(spec(PLANS, "      blog: {template: blog, plan: gold}\n"));
        assertThat(problems).extracting(Problem::path, Problem::location, Problem::message).containsExactly(
                tuple("tenants.alice.instances.blog.plan", "platform.yaml:14",
                        "'gold' is not a plan; known: [starter] (declare it under plans:)"));
    }

    @Test
    void read_whenTemplateIsUnknown_thenProblemListsTheTemplates() {
        List<Problem> problems = problems(spec(PLANS, "      wiki: {template: wiki, plan: starter}\n"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tenants.alice.instances.wiki.template");
            assertThat(p.location()).isEqualTo("platform.yaml:14");
            assertThat(p.message()).contains("'wiki' is not a service template; known: [automation, blog, postgresql]");
        });
    }

    @Test
    void read_whenInstanceKeyIsMisspelt_thenDidYouMean() {
        List<Problem> problems = problems(spec(PLANS, "      blog: {template: blog, plna: starter}\n"));
        assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("did you mean 'plan'"));
    }

    @Test
    void read_whenPlanIsOutOfRange_thenProblemAtThePlanField() {
        List<Problem> problems = problems(spec("plans:\n  huge: {cpu: 5, memory: 1024}",
                "      blog: {template: blog, plan: huge}\n"));
        assertThat(problems).extracting(Problem::path, Problem::location).contains(tuple("plans.huge.cpu",
                "platform.yaml:7"));
    }

    @Test
    void read_whenTwoTitlesMakeTheSameName_thenDuplicateServiceProblem() {
        List<Problem> problems = problems(spec(PLANS, """
                      My Blog: {template: blog, plan: starter}
                      my-blog!: {template: blog, plan: starter}
                """));
        assertThat(problems).extracting(Problem::path).anySatisfy(p -> assertThat(p).startsWith("tenants.alice"));
        assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("my-blog"));
    }

    @Test
    void read_whenInstanceDependsOnAMissingDatabase_thenProblemAtItsDependsOn() {
        List<Problem> problems = problems(spec(PLANS,
                "      flows: {template: automation, plan: starter, params: {database: nodb}}\n"));
        assertThat(problems).extracting(Problem::path, Problem::message).contains(tuple(
                "tenants.alice.services.flows.dependsOn", "'nodb' is neither a service of the tenant or the "
                        + "platform nor a backing service; fix the name"));
    }

    @Test
    void read_whenPlansButNoTenants_thenProblemSaysPlansNeedInstances() {
        String yaml = PLANS + "\nplatform: {name: shop}\nservices:\n  a: {kind: worker, image: a:1, "
                + "resources: {cpuRequest: 1m, cpuLimit: 1m, memoryRequest: 1Mi, memoryLimit: 1Mi}}\n";
        assertThat(problems(yaml)).extracting(Problem::path).contains("plans");
    }
}
