package dev.kforge.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus in {@code src/test/resources/validate/corpus}: each file states kubeconform's verdict in its header,
 * {@code # kubeconform: valid} or {@code # kubeconform: invalid: <why>} (for Kubernetes 1.32), or with a version,
 * {@code # kubeconform 1.30: invalid: ...}. An invalid file has exactly one defect, so exactly one problem is expected;
 * {@code # expect: <text>} names text the problem must contain.
 */
class KubeconformCorpusTest {

    private static final Pattern VERDICT = Pattern.compile("# kubeconform(?: ([0-9.]+))?: (valid|invalid)\\b.*");
    private static final Pattern EXPECT = Pattern.compile("# expect: (.*)");

    record Verdict(String file, String version, boolean valid, List<String> expected) {
        @Override
        public String toString() {
            return file + " @ " + version + " -> " + (valid ? "valid" : "invalid");
        }
    }

    static Path corpus() throws URISyntaxException {
        return Path.of(KubeconformCorpusTest.class.getResource("/validate/corpus").toURI());
    }

    static Stream<Arguments> verdicts() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus())) {
            for (Path file : files.sorted().toList()) {
                List<String> expected = new ArrayList<>();
                List<String[]> checks = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher v = VERDICT.matcher(line);
                    if (v.matches()) {
                        checks.add(new String[] {v.group(1) == null ? SchemaValidator.DEFAULT_KUBERNETES_VERSION
                                : v.group(1), v.group(2)});
                    }
                    Matcher e = EXPECT.matcher(line);
                    if (e.matches()) {
                        expected.add(e.group(1));
                    }
                }
                for (String[] c : checks) {
                    out.add(Arguments.of(new Verdict(file.getFileName().toString(), c[0], c[1].equals("valid"),
                            c[0].equals(SchemaValidator.DEFAULT_KUBERNETES_VERSION) ? expected : List.of())));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void validate_whenCorpusFile_thenVerdictOfKubeconformStrict(Verdict verdict) throws Exception {
        // given
        String text = Files.readString(corpus().resolve(verdict.file()), StandardCharsets.UTF_8);
        SchemaValidator validator = SchemaValidator.forVersion(verdict.version());
        // when
        List<ValidationProblem> problems = validator.validate(verdict.file(), text);
        // then
        if (verdict.valid()) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).hasSize(1);
            verdict.expected().forEach(e -> assertThat(problems.get(0).toString()).contains(e));
        }
    }

    @Test
    void corpus_whenCounted_thenAtLeastSixtyCasesAcrossTheKindsAndCustomResources() throws Exception {
        // given
        List<Verdict> all = verdicts().map(a -> (Verdict) a.get()[0]).toList();
        // then
        assertThat(all.stream().map(Verdict::file).distinct()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all.stream().filter(Verdict::valid)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(all.stream().filter(v -> !v.valid())).hasSizeGreaterThanOrEqualTo(20);
        for (String kind : List.of("deployment", "service", "hpa", "pdb", "cronjob", "statefulset", "ingress",
                "networkpolicy", "resourcequota", "role", "configmap",
                // custom resources, against the schemas derived from the upstream CRDs
                "certificate", "issuer", "clusterissuer", "externalsecret", "secretstore", "clustersecretstore",
                "servicemonitor", "podmonitor", "prometheusrule", "application-", "applicationset", "appproject")) {
            assertThat(all.stream().filter(v -> v.file().startsWith(kind) && v.valid())).as(kind).isNotEmpty();
            assertThat(all.stream().filter(v -> v.file().startsWith(kind) && !v.valid())).as(kind).isNotEmpty();
        }
    }
}
