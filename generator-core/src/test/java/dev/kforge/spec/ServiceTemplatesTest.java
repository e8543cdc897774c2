package dev.kforge.spec;

import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ServiceTemplatesTest {

    private static final Plan SMALL = new Plan("small", 500, 1024, 10);

    private static ServiceTemplates with(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name + ServiceTemplates.SUFFIX), text);
        return ServiceTemplates.builtIn().withDirectory(dir, "templates/");
    }

    private static ModelException failure(ServiceTemplates templates, String template) {
        return catchThrowableOfType(ModelException.class, () -> templates.instantiate(
                new ServiceTemplates.Instance("x", template, SMALL, Map.of()), "alice", "alice.example.com"));
    }

    @ParameterizedTest
    @CsvSource({"automation,my-flows,5678", "blog,my-blog,2368", "postgresql,my-db,5432"})
    void instantiate_whenBuiltInTemplateAndPlan_thenServiceSizedByThePlan(String template, String title, int port) {
        // when
        Service s = ServiceTemplates.builtIn().instantiate(
                new ServiceTemplates.Instance(title, template, SMALL, Map.of()), "alice", "alice.example.com");
        // then
        assertThat(s.name()).isEqualTo(title);
        assertThat(s.kind()).isEqualTo(ServiceKind.WEB_SERVICE);
        assertThat(s.ports().get(0).port()).isEqualTo(port);
        assertThat(s.resources().cpuRequest()).isEqualTo("250m");
        assertThat(s.resources().cpuLimit()).isEqualTo("500m");
        assertThat(s.resources().memoryLimit()).isEqualTo("1024Mi");
        assertThat(s.storage().size()).isEqualTo("10Gi");
        assertThat(s.env()).allSatisfy(e -> assertThat(e.value() == null || !e.name().contains("PASSWORD")).isTrue());
    }

    @Test
    void instantiate_whenBlogWithParams_thenHostAndVersionFollowTheInstanceAndParams() {
        // when
        Service s = ServiceTemplates.builtIn().instantiate(new ServiceTemplates.Instance("Ma Crème Brûlée!",
                "blog", SMALL, Map.of("version", "5.100.0")), "bob", "bob.example.com");
        // then
        assertThat(s.name()).isEqualTo("ma-creme-brulee");
        assertThat(s.image().tag()).isEqualTo("5.100.0-alpine");
        assertThat(s.env()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("url");
            assertThat(e.value()).isEqualTo("https://ma-creme-brulee.bob.example.com");
        });
        assertThat(s.ingress().rules().get(0).host()).isEqualTo("ma-creme-brulee");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"My Blog!|my-blog", "  --a__b--  |a-b", "2024 notes|i-2024-notes",
            "ÅNGSTRÖM|angstrom", "a/../../etc|a-etc"})
    void serviceName_whenTitleHasOddCharacters_thenDnsSafeName(String title, String name) {
        assertThat(ServiceTemplates.serviceName(title)).isEqualTo(name);
    }

    @Test
    void serviceName_whenTitleIsLong_thenCutAt40WithoutTrailingDash() {
        String name = ServiceTemplates.serviceName("x".repeat(39) + "-yyyy");
        assertThat(name).isEqualTo("x".repeat(39));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "日本語"})
    void serviceName_whenNothingUsableIsLeft_thenProblemSaysToRename(String title) {
        ModelException e = catchThrowableOfType(ModelException.class, () -> ServiceTemplates.serviceName(title));
        assertThat(e.problems().get(0).message()).contains("name the instance with some");
    }

    @Test
    void instantiate_whenTemplateIsUnknown_thenProblemListsTheKnownOnes() {
        ModelException e = failure(ServiceTemplates.builtIn(), "wiki");
        assertThat(e.problems()).extracting(Problem::message).singleElement().asString()
                .contains("'wiki' is not a service template").contains("[automation, blog, postgresql]");
    }

    @Test
    void instantiate_whenTemplateUsesAnUnknownVariable_thenErrorNamesTheFileAndLine(@TempDir Path dir)
            throws IOException {
        ServiceTemplates t = with(dir, "bad", "kind: worker\nimage: x:1\nresources: {cpuRequest: {{ plan.cpus }}m}\n");
        ModelException e = failure(t, "bad");
        assertThat(e.problems().get(0).location()).isEqualTo("templates/bad.yaml.j2:3");
        assertThat(e.problems().get(0).message()).startsWith("template error").contains("plan.cpus");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{% include '/etc/passwd' %}",
            "{% import '/etc/passwd' as p %}",
            "{% extends '/etc/hosts' %}",
            "{{ instance.name.getClass().forName('java.lang.Runtime') }}",
            "{{ ''.getClass() }}",
            "{{ plan.getClass().getClassLoader() }}",
            "{% for i in range(100000) %}{% for j in range(100000) %}xx{% endfor %}{% endfor %}",
            "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
            "{{ 'x' * 100000 }}",
            "{{ [1,2,3] | random }}",
    })
    void instantiate_whenTemplateReachesOutsideTheSandbox_thenTemplateErrorNotTheEffect(String hostile,
                                                                                      @TempDir Path dir)
            throws IOException {
        // given
        ServiceTemplates t = with(dir, "hostile", "kind: worker\nimage: x:1\nargs: [\"" + hostile + "\"]\n");
        // when
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> t.instantiate(
                new ServiceTemplates.Instance("x", "hostile", SMALL, Map.of()), "alice", "alice.example.com"));
        // then
        assertThat(thrown).isInstanceOf(ModelException.class);
        assertThat(((ModelException) thrown).problems().get(0).location()).startsWith("templates/hostile.yaml.j2");
        assertThat(thrown.getMessage()).doesNotContain("root:x:0:0").doesNotContain("java.lang.Runtime@");
    }

    @Test
    void instantiate_whenRenderedServiceIsInvalid_thenProblemIsLocatedInTheRenderedTemplate(@TempDir Path dir)
            throws IOException {
        ServiceTemplates t = with(dir, "typo", "kind: worker\nimage: x:1\nreplicaz: 2\n");
        ModelException e = failure(t, "typo");
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.location()).startsWith("templates/typo.yaml.j2 (rendered for x):3");
            assertThat(p.message()).contains("did you mean 'replicas'");
        });
    }

    @Test
    void withDirectory_whenUserTemplateHasABuiltInName_thenItReplacesTheBuiltIn(@TempDir Path dir)
            throws IOException {
        ServiceTemplates t = with(dir, "blog", "kind: worker\nimage: my-blog:{{ plan.name }}\n"
                + "resources: {cpuRequest: 1m, cpuLimit: 1m, memoryRequest: 1Mi, memoryLimit: 1Mi}\n");
        Service s = t.instantiate(new ServiceTemplates.Instance("b", "blog", SMALL, Map.of()), "a", "a.example");
        assertThat(s.image().repository()).isEqualTo("my-blog");
        assertThat(s.image().tag()).isEqualTo("small");
        assertThat(t.location("blog")).isEqualTo("templates/blog.yaml.j2");
    }

    @Test
    void instantiate_whenAutomationWithPortAndTimezone_thenListensThereAndSaysSo() {
        // when: seed 002 runs n8n on 3000 in Asia/Jakarta
        Service s = ServiceTemplates.builtIn().instantiate(new ServiceTemplates.Instance("flows", "automation",
                SMALL, Map.of("port", "3000", "timezone", "Asia/Jakarta")), "alice", "alice.example.com");
        // then
        assertThat(s.ports().get(0).port()).isEqualTo(3000);
        assertThat(s.env()).extracting(e -> e.name() + "=" + e.value())
                .contains("N8N_PORT=3000", "GENERIC_TIMEZONE=Asia/Jakarta", "N8N_HOST=flows.alice.example.com");
    }

    @Test
    void instantiate_whenRenderedTwice_thenSameService() {
        ServiceTemplates.Instance i = new ServiceTemplates.Instance("flows", "automation", SMALL, Map.of());
        assertThat(ServiceTemplates.builtIn().instantiate(i, "a", "a.example"))
                .isEqualTo(ServiceTemplates.builtIn().instantiate(i, "a", "a.example"));
    }
}
