package dev.kforge.spec;

import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.api.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TenantCatalogTest {

    private static final String SPEC = """
            platform:
              name: isp
            tenancy:
              namespacePrefix: isp
              catalog: %s
            services:
              app:
                kind: web-service
                image: app:1.0.0
                ports: {http: 8080}
            environments:
              prod: {}
            """;

    @TempDir
    Path dir;

    private Path spec(String catalog) throws IOException {
        return Files.writeString(dir.resolve("platform.yaml"), SPEC.formatted(catalog));
    }

    @Test
    void read_whenCsvCatalog_thenEveryRowIsATenantWithListsSplitOnSemicolons() throws IOException {
        // given
        Files.writeString(dir.resolve("tenants.csv"), """
                id,displayName,tier,licenseTier,plugins,domain,environments
                # comments and blank lines are skipped

                acme,"ACME, Inc.",medium,enterprise,sso;audit,acme.isp.example,
                globex,Globex,micro,standard,,globex.isp.example,prod
                """);
        // when
        Platform platform = SpecReader.read(spec("tenants.csv"));
        // then: no tiers in the spec, so the built-in catalog sizes the tenants
        assertThat(platform.tiers()).extracting(t -> t.name())
                .containsExactly("micro", "small", "medium", "large", "xlarge");
        assertThat(platform.tenants()).containsExactly(
                new Tenant("acme", "ACME, Inc.", "medium", "enterprise", List.of("sso", "audit"), "acme.isp.example",
                        List.of()),
                new Tenant("globex", "Globex", "micro", "standard", List.of(), "globex.isp.example",
                        List.of("prod")));
        assertThat(platform.multiTenant()).isTrue();
    }

    @Test
    void read_whenTenancyNamesVariablesAndPodLabels_thenTheTenancyHasThemAndTheRestKeepTheirDefaults()
            throws IOException {
        // given
        Files.writeString(dir.resolve("tenants.csv"), "id,tier,licenseTier,domain\nacme,medium,pro,acme.example\n");
        Path spec = Files.writeString(dir.resolve("platform.yaml"), SPEC.formatted("tenants.csv").replace(
                "  namespacePrefix: isp\n", """
                  namespacePrefix: isp
                  variables: {id: ISP_TENANT_ID}
                  podLabels: {dotmac.io/tenant-id: id, dotmac.io/license-tier: licenseTier}
                """));
        // when
        Platform platform = SpecReader.read(spec);
        // then
        assertThat(platform.tenancy().variables()).containsExactly(java.util.Map.entry("id", "ISP_TENANT_ID"),
                java.util.Map.entry("licenseTier", "LICENSE_TIER"), java.util.Map.entry("plugins", "ENABLED_PLUGINS"));
        assertThat(platform.tenancy().podLabels(platform.tenants().get(0))).isEqualTo(java.util.Map.of(
                "dotmac.io/tenant-id", "acme", "dotmac.io/license-tier", "pro"));
    }

    @Test
    void read_whenTenancyNamesAnUnknownFieldAndAKforgeLabel_thenReportsEachWithItsLine() throws IOException {
        // given
        Files.writeString(dir.resolve("tenants.csv"), "id,tier,licenseTier,domain\nacme,medium,pro,acme.example\n");
        Path spec = Files.writeString(dir.resolve("platform.yaml"), SPEC.formatted("tenants.csv").replace(
                "  namespacePrefix: isp\n", """
                  namespacePrefix: isp
                  variables: {id: 1SP_TENANT}
                  podLabels: {app.kubernetes.io/instance: id, example.com/plan: plan}
                """));
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec));
        // then
        assertThat(e.problems()).extracting(Problem::path, Problem::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple("tenancy.variables.id", "platform.yaml:5"),
                org.assertj.core.groups.Tuple.tuple("tenancy.podLabels", "platform.yaml:6"),
                org.assertj.core.groups.Tuple.tuple("tenancy.podLabels.example.com/plan", "platform.yaml:6"));
        assertThat(e.problems().get(2).message()).isEqualTo("'plan' is not a tenant field; use id, tier, licenseTier");
    }

    @Test
    void read_whenCsvRowsAreBad_thenEachProblemNamesTheCatalogLineAndTenant() throws IOException {
        // given
        Files.writeString(dir.resolve("tenants.csv"), """
                id,tier,licenseTier,domain
                acme,medium,enterprise,acme.isp.example
                Bad_Id,small,standard,bad.isp.example
                initech,huge,standard,initech.isp.example
                acme,small,standard,acme2.isp.example
                hooli,small,standard
                """);
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec("tenants.csv")));
        // then
        assertThat(e.problems()).containsExactly(
                new Problem("tenants.Bad_Id.id", "'Bad_Id' is not a valid name; use lower-case letters, digits and "
                        + "'-', starting and ending with a letter or digit", "tenants.csv:3"),
                new Problem("tenants.acme", "tenant 'acme' is defined more than once (first on line 2); ids must be "
                        + "unique", "tenants.csv:5"),
                new Problem("tenants.row6", "has 3 values but the header names 4 columns; quote values that contain ','",
                        "tenants.csv:6"),
                new Problem("tenants.initech.tier", "'huge' is not a tier of this platform; known tiers: [large, "
                        + "medium, micro, small, xlarge]", "tenants.csv:4"));
    }

    @Test
    void read_whenCsvHeaderHasAMisspeltColumn_thenSuggestsItInsteadOfReportingItMissing() throws IOException {
        // given
        Files.writeString(dir.resolve("tenants.csv"), "id,tier,licenseTier,domian\nacme,small,standard,a.example\n");
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec("tenants.csv")));
        // then
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "tenants.csv:1: tenants: unknown column 'domian'; did you mean 'domain'?");
    }

    @Test
    void read_whenYamlCatalog_thenTenantsWithLinesOfTheCatalog() throws IOException {
        // given
        Files.writeString(dir.resolve("tenants.yaml"), """
                tenants:
                  acme: {tier: small, licenseTier: standard, domain: acme.isp.example, plugins: [sso]}
                  globex: {tier: small, licenseTier: standard, domain: "not a host"}
                """);
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec("tenants.yaml")));
        // then
        assertThat(e.problems()).containsExactly(new Problem("tenants.globex.domain",
                "'not a host' is not a valid name; use lower-case DNS labels separated by '.'", "tenants.yaml:3"));
    }

    @Test
    void read_whenCatalogIsMissingOrOfAnotherKind_thenSaysWhereItLooked() throws IOException {
        // when
        ModelException missing = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec("nope.csv")));
        Files.writeString(dir.resolve("tenants.txt"), "acme\n");
        ModelException txt = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec("tenants.txt")));
        // then
        assertThat(missing.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tenancy.catalog");
            assertThat(p.location()).isEqualTo("platform.yaml:5");
            assertThat(p.message()).startsWith("no file at ").endsWith("the catalog path is relative to the spec "
                    + "file's folder");
        });
        assertThat(txt.problems()).extracting(Problem::toString)
                .containsExactly("tenants.txt: a tenant catalog must be a .csv or .yaml file");
    }

    @Test
    void read_whenTenantsAreInline_thenTheyJoinTheCatalogs() {
        // given
        String yaml = """
                platform: {name: isp}
                tenancy: {namespacePrefix: isp}
                tenants:
                  acme: {tier: large, licenseTier: enterprise, domain: acme.isp.example}
                services:
                  app: {kind: worker, image: app:1.0.0}
                """;
        // when
        Platform platform = SpecReader.read("platform.yaml", yaml);
        // then
        assertThat(platform.tenants()).extracting(Tenant::id, Tenant::tier).containsExactly(
                org.assertj.core.groups.Tuple.tuple("acme", "large"));
    }
}
