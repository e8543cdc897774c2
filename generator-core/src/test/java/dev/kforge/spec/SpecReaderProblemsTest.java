package dev.kforge.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad specs: each test pins the path, the line and the message of what is reported, and that nothing else is.
 * Most build on {@link #VALID}, whose eight lines describe one valid service; lines added to it start at 9.
 */
class SpecReaderProblemsTest {

    /** A valid spec; {@link #gateway(String...)} appends lines to its service, the first on line 9. */
    private static final String VALID = """
            platform:
              name: shop
            services:
              gateway:
                kind: web-service
                image: gateway:1.0.0
                ports: {http: 8080}
                resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
            """;

    private static String gateway(String... lines) {
        StringBuilder out = new StringBuilder(VALID);
        for (String line : lines) {
            out.append("    ").append(line).append('\n');
        }
        return out.toString();
    }

    private static List<Problem> problems(String yaml) {
        Throwable thrown = catchThrowable(() -> SpecReader.read("platform.yaml", yaml));
        assertThat(thrown).as("reading%n%s", yaml).isInstanceOf(ModelException.class);
        return ((ModelException) thrown).problems();
    }

    private static Problem onlyProblem(String yaml) {
        List<Problem> problems = problems(yaml);
        assertThat(problems).as("problems of%n%s", yaml).hasSize(1);
        return problems.get(0);
    }

    @Test
    void read_whenValidBaseIsRead_thenItHasNoProblems() {
        // given the base all other tests change, when read, then it is valid (so each problem below is the change)
        assertThat(SpecReader.read("platform.yaml", VALID).services()).hasSize(1);
    }

    @Test
    void read_whenKeyIsMisspelled_thenSuggestsTheClosestKey() {
        // given
        String yaml = gateway("autoscalling: {maxReplicas: 3, cpuUtilization: 50}");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.autoscalling",
                "unknown key 'autoscalling'; did you mean 'autoscaling'?", "platform.yaml:9"));
    }

    @Test
    void read_whenKeyIsUnlikeAnyAllowedKey_thenListsTheAllowedKeys() {
        // given
        String yaml = gateway("colour: red");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem.path()).isEqualTo("services.gateway.colour");
        assertThat(problem.location()).isEqualTo("platform.yaml:9");
        assertThat(problem.message()).startsWith("unknown key 'colour'; allowed keys: kind, image, command, args, "
                + "ports, env, config, probes, resources, tier, replicas, autoscaling, disruptionBudget, security, "
                + "rbac, initContainers, volumes, storage, scheduling, ingress, metrics, dependsOn, egress, "
                + "schedule, podAnnotations, fromManifests, expose").isEqualTo("unknown key 'colour'; allowed keys: "
                + String.join(", ", ServiceFormat.SERVICE.names()));
    }

    @Test
    void read_whenTopLevelSectionIsMisspelled_thenSuggestsTheSection() {
        // given
        String yaml = VALID + "enviroments: {}\n";

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("enviroments",
                "unknown key 'enviroments'; did you mean 'environments'?", "platform.yaml:9"));
    }

    @Test
    void read_whenWholeNumberIsText_thenSaysWhatWasExpected() {
        // given
        String yaml = gateway("replicas: abc");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.replicas",
                "expected a whole number, found 'abc'", "platform.yaml:9"));
    }

    @Test
    void read_whenNumberIsTooLarge_thenSaysSoInsteadOfOverflowing() {
        // given
        String yaml = gateway("replicas: 99999999999");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem.path()).isEqualTo("services.gateway.replicas");
        assertThat(problem.location()).isEqualTo("platform.yaml:9");
        assertThat(problem.message()).isEqualTo("'99999999999' is too large; expected a whole number up to 2147483647");
    }

    @Test
    void read_whenServicesIsAList_thenExpectsAMapOfServices() {
        // given
        String yaml = """
                platform: {name: shop}
                services:
                  - gateway
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services",
                "expected a map of service name to service settings, found a list", "platform.yaml:3"));
    }

    @Test
    void read_whenBooleanIsYes_thenAcceptsOnlyTrueOrFalse() {
        // given
        String yaml = gateway("ingress:", "  rules: [{host: api}]", "  tls: yes");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.ingress.tls",
                "expected true or false, found 'yes'", "platform.yaml:11"));
    }

    @Test
    void read_whenDecimalIsText_thenExpectsADecimal() {
        // given
        String yaml = VALID + """
                tiers:
                  small:
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    monthlyPrice: cheap
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("tiers.small.monthlyPrice",
                "expected a decimal number like 0.5 or 12.90, found 'cheap'", "platform.yaml:12"));
    }

    @Test
    void read_whenKindIsNotKebabCase_thenListsTheKinds() {
        // given
        String yaml = VALID.replace("kind: web-service", "kind: WebService");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.kind", "'WebService' is not a valid service "
                + "kind; use one of: web-service, worker, stateful-service, scheduled-job", "platform.yaml:5"));
    }

    @Test
    void read_whenKindIsMissing_thenRequiresIt() {
        // given
        String yaml = VALID.replace("    kind: web-service\n", "");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.kind",
                "is required; use one of: web-service, worker, stateful-service, scheduled-job", "platform.yaml:4"));
    }

    @Test
    void read_whenPodSecurityIsCapitalised_thenEnumIsCaseSensitive() {
        // given
        String yaml = VALID + """
                environments:
                  dev:
                    podSecurity: Restricted
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("environments.dev.podSecurity",
                "'Restricted' is not a valid pod security level; use one of: privileged, baseline, restricted",
                "platform.yaml:11"));
    }

    @Test
    void read_whenAntiAffinityIsUnknown_thenListsTheChoices() {
        // given
        String yaml = gateway("scheduling:", "  antiAffinity: always");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.scheduling.antiAffinity",
                "'always' is not a valid anti-affinity; use one of: none, preferred, required", "platform.yaml:10"));
    }

    @Test
    void read_whenTierQuantityIsMalformed_thenReportsItAtTheTierResources() {
        // given
        String yaml = VALID + """
                tiers:
                  small:
                    resources:
                      cpuRequest: lots
                      cpuLimit: "1"
                      memoryRequest: 64Mi
                      memoryLimit: 128Mi
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("tiers.small.resources.cpuRequest",
                "'lots' is not a CPU quantity; write millicores like 250m or cores like 2", "platform.yaml:12"));
    }

    @Test
    void read_whenStorageSizeIsNotAQuantity_thenReportsTheStorageSize() {
        // given
        String yaml = gateway("storage: {size: 10GB}");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.storage.size",
                "'10GB' is not a memory quantity; write it like 512Mi or 10Gi", "platform.yaml:9"));
    }

    @Test
    void read_whenMaxReplicasIsBelowMinReplicas_thenPointsAtMaxReplicas() {
        // given
        String yaml = gateway("autoscaling:", "  minReplicas: 3", "  maxReplicas: 2", "  cpuUtilization: 60");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.autoscaling.maxReplicas",
                "maxReplicas 2 is below minReplicas 3", "platform.yaml:11"));
    }

    @Test
    void read_whenMaxReplicasIsMissing_thenRequiresIt() {
        // given
        String yaml = gateway("autoscaling: {minReplicas: 2, cpuUtilization: 60}");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.autoscaling.maxReplicas", "is required",
                "platform.yaml:9"));
    }

    @Test
    void read_whenTierIsUnknown_thenListsTheKnownTiers() {
        // given
        String yaml = gateway("tier: gold") + """
                tiers:
                  small:
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.tier",
                "'gold' is not a tier of this platform; known tiers: [small]", "platform.yaml:9"));
    }

    @Test
    void read_whenTwoDependenciesAreUnknown_thenReportsEachAndAsksToDeclareThem() {
        // given
        String yaml = gateway("dependsOn: [postgres, cache]");

        // when
        List<Problem> problems = problems(yaml);

        // then
        assertThat(problems).containsExactly(
                new Problem("services.gateway.dependsOn", "'postgres' is neither a service nor a backing service; "
                        + "declare it under backingServices or fix the name", "platform.yaml:9"),
                new Problem("services.gateway.dependsOn", "'cache' is neither a service nor a backing service; "
                        + "declare it under backingServices or fix the name", "platform.yaml:9"));
    }

    @Test
    void read_whenEnvironmentOverridesUnknownService_thenPointsAtTheOverride() {
        // given
        String yaml = VALID + """
                environments:
                  dev:
                    services:
                      gatewy: {replicas: 2}
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("environments.dev.services.gatewy",
                "is not a service of this platform; known: [gateway]", "platform.yaml:12"));
    }

    @Test
    void read_whenIngressPathTargetsUnknownService_thenLocatesTheNamedPath() {
        // given
        String yaml = gateway("ingress:", "  rules:", "    - host: api", "      paths:", "        - path: /v2",
                "          service: gateway-v2");

        // when
        Problem problem = onlyProblem(yaml);

        // then the platform names the rule by host and the path by its text; the line is still the key's
        assertThat(problem).isEqualTo(new Problem("services.gateway.ingress.rules.api.paths./v2.service",
                "'gateway-v2' is not a service of this platform; did you mean 'gateway'?", "platform.yaml:14"));
    }

    @Test
    void read_whenChartVersionIsARange_thenAsksForAnExactVersion() {
        // given
        String yaml = VALID + """
                backingServices:
                  postgresql:
                    ports: [5432]
                    chart: {repository: oci://registry-1.docker.io/bitnamicharts, version: ^16.0.0}
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("backingServices.postgresql.chart.version",
                "'^16.0.0' is not an exact chart version; pin one like 16.7.4 (ranges would change what is "
                        + "deployed without a change to the model)", "platform.yaml:12"));
    }

    @Test
    void read_whenChartHasNoRepositoryAndAnUnknownEnvironment_thenReportsBoth() {
        // given
        String yaml = VALID + """
                backingServices:
                  postgresql:
                    ports: [5432]
                    chart:
                      version: 16.7.4
                      environments:
                        qa: {primary: {persistence: {size: 8Gi}}}
                """;

        // when
        List<Problem> problems = problems(yaml);

        // then the missing repository stops the chart; the environment is checked when it can be built
        assertThat(problems).containsExactly(new Problem("backingServices.postgresql.chart.repository",
                "is required; the chart repository, like oci://registry-1.docker.io/bitnamicharts",
                "platform.yaml:12"));

        // and given a repository, the unknown environment is reported at its key
        Problem unknown = onlyProblem(yaml.replace("      version:", "      repository: https://charts.example\n"
                + "      version:"));
        assertThat(unknown).isEqualTo(new Problem("backingServices.postgresql.chart.environments.qa",
                "is not an environment of this platform; known: []", "platform.yaml:16"));
    }

    @Test
    void read_whenChartValueIsInfinity_thenAsksToQuoteIt() {
        // given
        String yaml = VALID + """
                backingServices:
                  postgresql:
                    ports: [5432]
                    chart:
                      repository: https://charts.example
                      version: 1.0.0
                      values: {primary: {ratio: .inf}}
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("backingServices.postgresql.chart.values.primary.ratio",
                "'.inf' is not a value a chart can take; quote it to give it as text", "platform.yaml:15"));
    }

    @Test
    void read_whenBackingServiceWithChartHasAReservedName_thenAsksToRenameIt() {
        // given
        String yaml = VALID + """
                backingServices:
                  services:
                    ports: [5432]
                    chart: {repository: https://charts.example, name: postgresql, version: 1.0.0}
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("backingServices.services.name", "'services' is a top-level key "
                + "of the generated Helm chart's values, where the chart's values would go; rename the backing "
                + "service", "platform.yaml:10"));
    }

    @Test
    void read_whenKeyIsDuplicated_thenPointsAtTheSecondAndNamesTheFirst() {
        // given
        String yaml = gateway("image: gateway:2.0.0");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.image",
                "duplicate key 'image'; it is already set on line 6; keep one", "platform.yaml:9"));
    }

    @Test
    void read_whenYamlIsMalformed_thenReportsOneSyntaxProblemWithItsLine() {
        // given a flow sequence that is never closed
        String yaml = """
                platform:
                  name: [shop
                services: {}
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then the path is where the reader was: in the list that is never closed
        assertThat(problem.path()).isEqualTo("platform.name.0");
        assertThat(problem.location()).isEqualTo("platform.yaml:3");
        assertThat(problem.message()).startsWith("invalid YAML: ").contains("while parsing a flow sequence")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\n");
    }

    @Test
    void read_whenIndentedWithTab_thenReportsTheLine() {
        // given
        String yaml = "platform:\n\tname: shop\n";

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem.location()).isEqualTo("platform.yaml:2");
        assertThat(problem.message()).startsWith("invalid YAML: found character '\\t(TAB)'");
    }

    @Test
    void read_whenFileHoldsTwoDocuments_thenAsksForOne() {
        // given
        String yaml = VALID + "---\nplatform: {name: other}\n";

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("", "holds more than one YAML document; a spec is a single "
                + "document, remove the '---' separator", "platform.yaml:9"));
    }

    @Test
    void read_whenFileIsEmptyOrOnlyComments_thenSaysItIsEmpty() {
        // given
        String empty = "";
        String comments = "# to do\n\n";

        // when
        Problem fromEmpty = onlyProblem(empty);
        Problem fromComments = onlyProblem(comments);

        // then
        assertThat(fromEmpty).isEqualTo(new Problem("", "is empty; a spec needs at least a 'platform:' section "
                + "with a 'name:' and one service under 'services:'", "platform.yaml:1"));
        assertThat(fromComments).isEqualTo(fromEmpty);
    }

    @Test
    void read_whenRootIsAList_thenExpectsTheSections() {
        // given
        String yaml = "- platform\n- services\n";

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("", "expected a map of spec sections (platform, tiers, "
                + "backingServices, secrets, services, environments, tenancy, tenants, policy, plans, prerequisites), found a list",
                "platform.yaml:1"));
    }

    @Test
    void read_whenAliasBombIsRead_thenFailsFastAtTheAliasLimit() {
        // given nine levels of nine aliases each: a billion leaves if expanded
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        String previous = "a";
        for (int level = 0; level < 9; level++) {
            String name = "l" + level;
            bomb.append(name).append(": &").append(name).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i > 0 ? ", " : "").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = name;
        }

        SpecReader.read("warm-up.yaml", VALID); // so that the time below is the bomb's, not class loading's

        // when
        Problem problem = assertTimeoutPreemptively(Duration.ofMillis(500), () -> onlyProblem(bomb.toString()));

        // then the 51st alias is on line 7 (lines 2-6 hold 45, line 7 the next 9)
        assertThat(problem).isEqualTo(new Problem("l5.5", "uses more than 50 aliases ('*name') to lists or maps; "
                + "that is how alias bombs blow up memory, write the values out instead", "platform.yaml:7"));
    }

    @Test
    void read_whenNestingIsDeep_thenRefusesBeforeTheStackOverflows() {
        // given
        String yaml = "platform:\n  name: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("platform.name.0.0.0.0.0.0.0.0.0.0", "nests lists and maps "
                + "deeper than 50 levels; a spec needs fewer than 10, check the brackets and indentation",
                "platform.yaml:2"));
    }

    @Test
    void read_whenTextHoldsBinaryJunk_thenNamesTheCharacterAndLine() {
        // given
        String yaml = "platform:\n  name: shop\n  domain: \u0000\u0001\u00ff\u0002\n";

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("", "contains the control character U+0000 at column 11; a spec "
                + "must be plain UTF-8 text (is this a binary file?)", "platform.yaml:3"));
    }

    @Test
    void read_whenFileIsNotUtf8_thenNamesTheByteAndLine(@TempDir Path dir) throws Exception {
        // given a Latin-1 'ä' (0xe4) on line 2
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "platform:\n  name: g\u00e4te\n".getBytes(StandardCharsets.ISO_8859_1));

        // when
        List<Problem> problems = catchThrowableOfType(ModelException.class, () -> SpecReader.read(file)).problems();

        // then
        assertThat(problems).containsExactly(new Problem("", "is not UTF-8 text (invalid byte 0xe4 at byte 19); "
                + "save the file as UTF-8", "latin1.yaml:2"));
    }

    @Test
    void read_whenFileDoesNotExist_thenReportsAModelProblemNamingTheFile(@TempDir Path dir) {
        // given
        Path missing = dir.resolve("nope.yaml");

        // when
        List<Problem> problems = catchThrowableOfType(ModelException.class, () -> SpecReader.read(missing))
                .problems();

        // then
        assertThat(problems).extracting(Problem::path, Problem::location).containsExactly(tuple("", "nope.yaml"));
        assertThat(problems.get(0).message()).startsWith("the file does not exist: ").endsWith("nope.yaml");
    }

    @Test
    void read_whenReadFromAFile_thenLocationsUseItsFileName(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, gateway("replicas: -1"));

        // when
        List<Problem> problems = catchThrowableOfType(ModelException.class, () -> SpecReader.read(file)).problems();

        // then
        assertThat(problems).containsExactly(new Problem("services.gateway.replicas", "-1 is below the minimum 0",
                "shop.yaml:9"));
    }

    @Test
    void read_whenPasswordIsALiteral_thenRefusesTheSecretValue() {
        // given
        String yaml = gateway("env:", "  DATABASE_PASSWORD: hunter2");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem.path()).isEqualTo("services.gateway.env.DATABASE_PASSWORD.value");
        assertThat(problem.location()).isEqualTo("platform.yaml:10");
        assertThat(problem.message()).startsWith("'DATABASE_PASSWORD' looks like a secret; never put secret values "
                + "in the model").doesNotContain("hunter2");
    }

    @Test
    void read_whenEnvValueIsEmpty_thenAsksForAValueOrSource() {
        // given
        String yaml = gateway("env:", "  LOG_LEVEL:");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.env.LOG_LEVEL", "has no value; write an empty "
                + "value as \"\" or reference a configMap, secret or fieldPath", "platform.yaml:10"));
    }

    @Test
    void read_whenEnvSourceHasNoKey_thenRequiresTheKey() {
        // given
        String yaml = gateway("env:", "  DATABASE_URL: {configMap: gateway-database}");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.env.DATABASE_URL.key",
                "is required with configMap or secret", "platform.yaml:10"));
    }

    @Test
    void read_whenServiceNameHasASlash_thenTheModelRejectsTheName() {
        // given
        String yaml = VALID.replace("gateway:\n", "api/v1:\n");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.api/v1.name", "'api/v1' is not a valid name; use "
                + "lower-case letters, digits and '-', starting with a letter and ending with a letter or digit",
                "platform.yaml:4"));
    }

    @Test
    void read_whenServiceNameHasANewline_thenPathAndMessageEscapeIt() {
        // given a quoted key with an escaped newline
        String yaml = VALID.replace("gateway:\n", "\"gate\\nway\":\n");

        // when
        Problem problem = onlyProblem(yaml);

        // then no line break reaches the report
        assertThat(problem.path()).isEqualTo("services.gate\\u000away.name");
        assertThat(problem.location()).isEqualTo("platform.yaml:4");
        assertThat(problem.message()).startsWith("'gate\\u000away' is not a valid name");
        assertThat(problem.toString()).doesNotContain("\n");
    }

    @Test
    void read_whenServiceNameIsNotAscii_thenTheModelRejectsAndEscapesIt() {
        // given
        String yaml = VALID.replace("gateway:\n", "g\u00e4teway:\n");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem.path()).isEqualTo("services.g\\u00e4teway.name");
        assertThat(problem.location()).isEqualTo("platform.yaml:4");
        assertThat(problem.message()).startsWith("'g\\u00e4teway' is not a valid name");
    }

    @Test
    void read_whenPlatformNameIsMissing_thenRequiresIt() {
        // given
        String yaml = VALID.replace("  name: shop\n", "  domain: shop.example.com\n");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("platform.name", "is required; name the platform under "
                + "'platform:', like 'name: shop' (lower-case letters, digits and '-')", "platform.yaml:1"));
    }

    @Test
    void read_whenImageHasNoTag_thenAsksToPinOne() {
        // given
        String yaml = VALID.replace("image: gateway:1.0.0", "image: gateway");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.image",
                "'gateway' has no tag; pin one, like gateway:1.0.0", "platform.yaml:6"));
    }

    @Test
    void read_whenWaitForHasNoPort_thenAsksForHostAndPort() {
        // given
        String yaml = gateway("initContainers:", "  - waitFor: postgresql");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.initContainers.0.waitFor",
                "expected host:port like postgresql:5432, found 'postgresql'", "platform.yaml:10"));
    }

    @Test
    void read_whenProbeNamesUnknownPort_thenPointsAtTheProbePort() {
        // given
        String yaml = gateway("probes:", "  liveness: {path: /health, port: admin}");

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("services.gateway.probes.liveness.port",
                "'admin' is not a port of the service; its ports: [http]", "platform.yaml:10"));
    }

    @Test
    void read_whenAlertHasNoExpressionAndABadDuration_thenPointsAtEachInTheAlert() {
        // given
        String yaml = gateway("alerts:", "  - {alert: Up, expr: up == 1}", "  - {alert: Down, for: 5 minutes}");

        // when
        List<Problem> problems = problems(yaml);

        // then
        assertThat(problems).containsExactly(
                new Problem("services.gateway.alerts.1.expr", "is required; a PromQL expression",
                        "platform.yaml:11"),
                new Problem("services.gateway.alerts.1.for", "'5 minutes' is not a duration like 5m or 1h30m",
                        "platform.yaml:11"));
    }

    @Test
    void read_whenOneResourceIsNotText_thenTheModelStillChecksTheOthers() {
        // given a request the reader refuses (a list) and a limit only the model refuses
        String yaml = VALID.replace("cpuRequest: 100m, cpuLimit: 200m", "cpuRequest: [1], cpuLimit: lots");

        // when
        List<Problem> problems = problems(yaml);

        // then both in one run, and no second problem for the request the reader refused
        assertThat(problems).extracting(Problem::path).containsExactly("services.gateway.resources.cpuRequest",
                "services.gateway.resources.cpuLimit");
    }

    @Test
    void read_whenOverrideSetsReplicasOfAnAutoscaledService_thenSaysToSetTheRange() {
        // given
        String yaml = gateway("autoscaling: {maxReplicas: 4, cpuUtilization: 60}") + """
                environments:
                  prod:
                    services:
                      gateway:
                        replicas: 3
                """;

        // when
        Problem problem = onlyProblem(yaml);

        // then
        assertThat(problem).isEqualTo(new Problem("environments.prod.services.gateway", "sets replicas but the "
                + "service autoscales; set minReplicas and maxReplicas instead", "platform.yaml:13"));
    }

    @Test
    void read_whenManyPartsAreWrong_thenReportsEveryProblemInOneRun() {
        // given a misspelt key in one service, a bad quantity in a second, a bad reference in a third and an
        // environment with a bad level and an override of a service that does not exist
        String yaml = """
                platform:
                  name: shop
                services:
                  gateway:
                    kind: web-service
                    image: gateway:1.0.0
                    ports: {http: 8080}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    replica: 2
                  worker:
                    kind: worker
                    image: worker:1.0.0
                    resources: {cpuRequest: lots, cpuLimit: "1", memoryRequest: 64Mi, memoryLimit: 128Mi}
                  billing:
                    kind: worker
                    image: billing:1.0.0
                    tier: gold
                    dependsOn: [gateway, worker, ledger]
                environments:
                  dev:
                    podSecurity: Baseline
                    services:
                      gatewy: {replicas: 1}
                      worker: {replicas: 1}
                """;

        // when
        List<Problem> problems = problems(yaml);

        // then every problem is there once, in file order for the reader's and then the platform's checks;
        // gateway and worker failed, yet billing's references to them resolve and the override of worker is kept
        assertThat(problems).extracting(Problem::path, Problem::location).containsExactly(
                tuple("services.gateway.replica", "platform.yaml:9"),
                tuple("services.worker.resources.cpuRequest", "platform.yaml:13"),
                tuple("environments.dev.podSecurity", "platform.yaml:21"),
                tuple("services.billing.tier", "platform.yaml:17"),
                tuple("services.billing.dependsOn", "platform.yaml:18"),
                tuple("environments.dev.services.gatewy", "platform.yaml:23"));
        assertThat(problems.get(0).message()).isEqualTo("unknown key 'replica'; did you mean 'replicas'?");
        assertThat(problems.get(4).message()).startsWith("'ledger' is neither a service nor a backing service");
        assertThat(problems.get(5).message()).isEqualTo("is not a service of this platform; known: [billing, "
                + "gateway, worker]");
    }

    @Test
    void read_whenAnythingIsWrong_thenOnlyModelExceptionsEscape() {
        // given inputs that break the YAML layer, the number parsing and the model at once
        List<String> inputs = List.of("{", "platform: {name: shop}\nservices: {a: {kind: worker, replicas: 1e99}}",
                "?", "platform: !!binary AAAA\n", "services: {a: {env: {X: [1]}}}", "\uFEFF", "*x");

        for (String yaml : inputs) {
            // when, then
            assertThatThrownBy(() -> SpecReader.read("x.yaml", yaml)).as(yaml).isExactlyInstanceOf(ModelException.class)
                    .satisfies(e -> assertThat(((ModelException) e).problems())
                            .allSatisfy(p -> assertThat(p.location()).startsWith("x.yaml:")));
        }
    }
}
