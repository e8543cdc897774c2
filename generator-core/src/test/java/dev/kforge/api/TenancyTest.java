package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class TenancyTest {

    private static final Tenant ACME = new Tenant("acme", null, "medium", "enterprise", List.of("sso", "audit"),
            "acme.example", List.of());

    @Test
    void env_whenNoVariablesAreNamed_thenTheDefaultsInOrder() {
        // given
        Tenancy tenancy = new Tenancy("isp", null, null, null, null);
        // when
        List<EnvVar> env = tenancy.env(ACME);
        // then
        assertThat(env).containsExactly(EnvVar.literal("TENANT_ID", "acme"),
                EnvVar.literal("LICENSE_TIER", "enterprise"), EnvVar.literal("ENABLED_PLUGINS", "sso,audit"));
        assertThat(tenancy.podLabels(ACME)).isEmpty();
    }

    @Test
    void env_whenOneVariableIsRenamed_thenOnlyThatNameChanges() {
        // given
        Tenancy tenancy = new Tenancy("isp", null, null, null, null).with(Map.of("id", "ISP_TENANT_ID"),
                Map.of("example.com/tenant-id", "id", "example.com/tier", "tier"));
        // when
        List<EnvVar> env = tenancy.env(ACME);
        // then
        assertThat(env).extracting(EnvVar::name).containsExactly("ISP_TENANT_ID", "LICENSE_TIER", "ENABLED_PLUGINS");
        assertThat(tenancy.podLabels(ACME)).containsExactly(Map.entry("example.com/tenant-id", "acme"),
                Map.entry("example.com/tier", "medium"));
    }

    @Test
    void new_whenVariablesAndLabelsAreWrong_thenEachIsReported() {
        // given two fields under one name, a field that does not exist, a label kforge sets and a bad field
        Map<String, String> variables = Map.of("id", "TENANT", "licenseTier", "TENANT", "region", "REGION");
        Map<String, String> labels = Map.of("kforge.dev/tenant", "id", "example.com/plan", "plan");
        // when
        var problems = problemsOf(() -> new Tenancy(null, null, null, null, null, variables, labels));
        // then
        assertThat(problems).contains(
                Problem.at("variables", "'region' is not a tenant field given as a variable; use id, licenseTier, "
                        + "plugins"),
                Problem.at("podLabels", "'kforge.dev/tenant' is a label kforge sets; use a name of your own, like "
                        + "example.com/tenant-id"),
                Problem.at("podLabels.example.com/plan", "'plan' is not a tenant field; use id, tier, licenseTier"));
        assertThat(problems).anySatisfy(p -> assertThat(p.path()).isEqualTo("variables")
                .satisfies(x -> assertThat(p.message()).contains("TENANT")));
    }

    @Test
    void labels_whenTheTenancyNamesObjectLabels_thenEachHoldsItsFieldAndKforgesOwnAreRefused() {
        // given the labels a platform's own tooling selects tenants' namespaces by
        Tenancy tenancy = new Tenancy(null, null, null, null, null, null, null,
                Map.of("example.com/tenant-id", "id", "example.com/license-tier", "licenseTier"));
        // when
        Map<String, String> labels = tenancy.labels(ACME);
        var problems = problemsOf(() -> new Tenancy(null, null, null, null, null, null, null,
                Map.of("kforge.dev/tier", "tier")));
        // then
        assertThat(labels).containsExactly(Map.entry("example.com/license-tier", ACME.licenseTier()),
                Map.entry("example.com/tenant-id", "acme"));
        assertThat(problems).containsExactly(Problem.at("labels", "'kforge.dev/tier' is a label kforge sets; use a "
                + "name of your own, like example.com/tenant-id"));
    }
}
