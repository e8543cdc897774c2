package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class IngressTest {

    @Test
    void rule_whenNoPaths_thenRootPrefixToThisService() {
        // given
        String host = "api.example.com";
        // when
        IngressRule rule = new IngressRule(host, null);
        // then
        assertThat(rule.paths()).containsExactly(new IngressRule.Path("/", "Prefix", null, null));
        assertThat(rule.isSubdomain()).isFalse();
    }

    @Test
    void rule_whenHostHasNoDot_thenSubdomain() {
        // given
        String host = "api";
        // when
        IngressRule rule = new IngressRule(host, List.of());
        // then
        assertThat(rule.isSubdomain()).isTrue();
        assertThat(rule.paths()).hasSize(1);
    }

    @Test
    void rule_whenHostInvalid_thenProblemAtHost() {
        // given
        String host = "API.example.com";
        // when
        var problems = problemsOf(() -> new IngressRule(host, null));
        // then
        assertThat(problems).containsExactly(Problem.at("host",
                "'API.example.com' is not a valid name; use lower-case DNS labels separated by '.'"));
    }

    @Test
    void rule_whenHostMissing_thenRequired() {
        // given no host
        // when
        var problems = problemsOf(() -> new IngressRule(null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("host", "is required"));
    }

    @Test
    void rule_whenPathRepeats_thenNotUnique() {
        // given
        IngressRule.Path api = new IngressRule.Path("/api", null, null, null);
        // when
        var problems = problemsOf(() -> new IngressRule("example.com", List.of(api, api)));
        // then
        assertThat(problems).containsExactly(
                Problem.at("paths", "'/api' is defined more than once; names must be unique"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Prefix", "Exact", "ImplementationSpecific"})
    void path_whenKnownPathType_thenAccepted(String pathType) {
        // given a known path type
        // when
        IngressRule.Path path = new IngressRule.Path("/api", pathType, "api", "http");
        // then
        assertThat(path.pathType()).isEqualTo(pathType);
    }

    @Test
    void path_whenPathTypeNull_thenPrefix() {
        // given no path type
        // when
        IngressRule.Path path = new IngressRule.Path("/", null, null, null);
        // then
        assertThat(path.pathType()).isEqualTo("Prefix");
    }

    @Test
    void path_whenRelativeWithBadType_thenBothReported() {
        // given
        String pathType = "prefix";
        // when
        var problems = problemsOf(() -> new IngressRule.Path("api", pathType, null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("path", "'api' must start with '/'"),
                Problem.at("pathType", "'prefix' is not Prefix, Exact or ImplementationSpecific"));
    }

    @Test
    void path_whenMissing_thenRequiredOnce() {
        // given no path
        // when
        var problems = problemsOf(() -> new IngressRule.Path(null, null, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("path", "is required"));
    }

    @Test
    void builder_whenDefaults_thenNginxWithTls() {
        // given
        Ingress.Builder builder = Ingress.builder().host("www", new IngressRule.Path("/", null, null, null));
        // when
        Ingress ingress = builder.build();
        // then
        assertThat(ingress.className()).isEqualTo("nginx");
        assertThat(ingress.tls()).isTrue();
        assertThat(ingress.rules()).extracting(IngressRule::host).containsExactly("www");
        assertThat(ingress.annotations()).isEmpty();
        assertThat(ingress.corsOrigins()).isEmpty();
    }

    @Test
    void builder_whenEveryOption_thenKept() {
        // given
        Ingress.Builder builder = Ingress.builder().className("traefik").host("www").tls(false)
                .annotation("a/b", "c").rateLimitRps(1).corsOrigin("https://example.com").websockets(true)
                .stickySessions(true).maxBodySize("10m");
        // when
        Ingress ingress = builder.build();
        // then
        assertThat(ingress).isEqualTo(new Ingress("traefik", List.of(new IngressRule("www", null)), false,
                java.util.Map.of("a/b", "c"), 1, List.of("https://example.com"), true, true, "10m"));
    }

    @Test
    void new_whenNoRules_thenNeedsAHost() {
        // given no rules
        // when
        var problems = problemsOf(() -> Ingress.builder().build());
        // then
        assertThat(problems).containsExactly(Problem.at("rules", "needs at least one host"));
    }

    @Test
    void new_whenHostRepeats_thenNotUnique() {
        // given
        Ingress.Builder builder = Ingress.builder().host("www").host("www");
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("rules", "'www' is defined more than once; names must be unique"));
    }

    @Test
    void new_whenRateLimitZeroAndBodySizeBad_thenBothReported() {
        // given
        Ingress.Builder builder = Ingress.builder().host("www").rateLimitRps(0).maxBodySize("10MB");
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("rateLimitRps", "0 is below the minimum 1"),
                Problem.at("maxBodySize", "'10MB' is not a size like 10m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10m", "512k", "1g", "1048576"})
    void new_whenBodySizeValid_thenAccepted(String size) {
        // given
        Ingress.Builder builder = Ingress.builder().host("www").maxBodySize(size);
        // when
        Ingress ingress = builder.build();
        // then
        assertThat(ingress.maxBodySize()).isEqualTo(size);
    }
}
