package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ChecksTest {

    private static final String DNS_1123_RULE =
            "use lower-case letters, digits and '-', starting and ending with a letter or digit";
    private static final String DNS_1035_RULE =
            "use lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";

    @ParameterizedTest
    @ValueSource(strings = {"a", "web", "api-gateway", "9lives", "a1-b2-c3", "x0"})
    void dnsLabel_whenValid_thenNoProblem(String name) {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel(name, "name", 63);
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Web", "-web", "web-", "web_api", "web.api", "web api", "", "a/b"})
    void dnsLabel_whenInvalid_thenNamesTheRule(String name) {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel(name, "name", 63);
        // then
        assertThat(checks.problems())
                .containsExactly(Problem.at("name", "'" + name + "' is not a valid name; " + DNS_1123_RULE));
    }

    @Test
    void dnsLabel_whenNull_thenRequired() {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel(null, "name", 63);
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("name", "is required"));
    }

    @Test
    void dnsLabel_whenExactlyAtTheLimit_thenNoProblem() {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel("a".repeat(63), "name", 63);
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @Test
    void dnsLabel_whenOneAboveTheLimit_thenGivesLengthAndLimit() {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel("a".repeat(64), "name", 63);
        // then
        assertThat(checks.problems()).containsExactly(
                Problem.at("name", "'" + "a".repeat(64) + "' is 64 characters long; use at most 63"));
    }

    @Test
    void dnsLabel_whenLongerThan80_thenMessageShowsTheFirst80CharactersAndAnEllipsis() {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel("b".repeat(100), "name", 63);
        // then
        assertThat(checks.problems()).containsExactly(
                Problem.at("name", "'" + "b".repeat(80) + "...' is 100 characters long; use at most 63"));
    }

    @Test
    void dnsLabel_whenNameHasANewline_thenMessageShowsItEscaped() {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel("web\napi", "name", 63);
        // then
        assertThat(checks.problems())
                .containsExactly(Problem.at("name", "'web\\u000aapi' is not a valid name; " + DNS_1123_RULE));
        assertThat(checks.problems().get(0).message()).doesNotContain("\n");
    }

    @Test
    void dnsLabel_whenNameIsNotAscii_thenMessageShowsItEscaped() {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel("caf\u00e9", "name", 63);
        // then
        assertThat(checks.problems())
                .containsExactly(Problem.at("name", "'caf\\u00e9' is not a valid name; " + DNS_1123_RULE));
    }

    @Test
    void dnsLabel_whenNameHasATab_thenMessageShowsItEscaped() {
        // given
        Checks checks = new Checks();
        // when
        checks.dnsLabel("a\tb", "name", 63);
        // then
        assertThat(checks.problems())
                .containsExactly(Problem.at("name", "'a\\u0009b' is not a valid name; " + DNS_1123_RULE));
    }

    @Test
    void dns1035Label_whenStartingWithADigit_thenRejected() {
        // given
        Checks checks = new Checks();
        // when
        checks.dns1035Label("9lives", "name", 50);
        // then
        assertThat(checks.problems())
                .containsExactly(Problem.at("name", "'9lives' is not a valid name; " + DNS_1035_RULE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "gateway", "api-v2", "a9"})
    void dns1035Label_whenValid_thenNoProblem(String name) {
        // given
        Checks checks = new Checks();
        // when
        checks.dns1035Label(name, "name", 50);
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @Test
    void dns1035Label_whenNull_thenRequired() {
        // given
        Checks checks = new Checks();
        // when
        checks.dns1035Label(null, "name", 50);
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("name", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "api.staging.example.com", "localhost", "a-b.c-d.e"})
    void hostName_whenValid_thenNoProblem(String host) {
        // given
        Checks checks = new Checks();
        // when
        checks.hostName(host, "host");
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Example.com", "example..com", ".example.com", "example.com.", "-a.com", "a_b.com",
            "https://example.com", "example.com/path"})
    void hostName_whenInvalid_thenNamesTheRule(String host) {
        // given
        Checks checks = new Checks();
        // when
        checks.hostName(host, "host");
        // then
        assertThat(checks.problems()).containsExactly(
                Problem.at("host", "'" + host + "' is not a valid name; use lower-case DNS labels separated by '.'"));
    }

    @Test
    void hostName_whenLongerThan253_thenGivesLength() {
        // given
        String host = ("a".repeat(50) + ".").repeat(5) + "com";
        Checks checks = new Checks();
        // when
        checks.hostName(host, "host");
        // then
        assertThat(checks.problems()).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("host", "'" + host.substring(0, 80) + "...' is 258 characters "
                        + "long; use at most 253"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"250m", "1", "2", "0.5", "1.25", "0.125", "1000m"})
    void cpu_whenValid_thenNoProblem(String cpu) {
        // given
        Checks checks = new Checks();
        // when
        checks.cpu(cpu, "cpu");
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"250 m", "1.2345", "one", "-1", "1e3", "250Mi", "1k", ""})
    void cpu_whenInvalid_thenSaysHowToWriteIt(String cpu) {
        // given
        Checks checks = new Checks();
        // when
        checks.cpu(cpu, "cpu");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("cpu",
                "'" + cpu + "' is not a CPU quantity; write millicores like 250m or cores like 2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"512Mi", "10Gi", "1Ti", "128974848", "129M", "1.5Gi", "100k", "2Ki", "1Pi", "1Ei"})
    void memory_whenValid_thenNoProblem(String memory) {
        // given
        Checks checks = new Checks();
        // when
        checks.memory(memory, "memory");
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"512MB", "10gi", "512 Mi", "250m", "Mi", "-1Gi", "1e9", "lots"})
    void memory_whenInvalid_thenSaysHowToWriteIt(String memory) {
        // given
        Checks checks = new Checks();
        // when
        checks.memory(memory, "memory");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("memory",
                "'" + memory + "' is not a memory quantity; write it like 512Mi or 10Gi"));
    }

    @Test
    void cpuAndMemory_whenNull_thenNoProblem() {
        // given
        Checks checks = new Checks();
        // when
        checks.cpu(null, "cpu").memory(null, "memory");
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @Test
    void notAbove_whenRequestComparesInDifferentUnits_thenComparesAmounts() {
        // given
        Checks checks = new Checks();
        // when
        checks.notAbove("1", "999m", "cpuRequest", "cpu").notAbove("1Gi", "1024Mi", "memoryRequest", "memory");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("cpuRequest",
                "cpu request 1 is above its limit 999m; raise the limit or lower the request"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 100000})
    void port_whenOutOfRange_thenRejected(int port) {
        // given
        Checks checks = new Checks();
        // when
        checks.port(port, "port");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("port", "port " + port + " is outside 1-65535"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 80, 65535})
    void port_whenInRange_thenNoProblem(int port) {
        // given
        Checks checks = new Checks();
        // when
        checks.port(port, "port");
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "_private", "log.level", "JAVA-OPTS", "a1"})
    void envName_whenValid_thenNoProblem(String name) {
        // given
        Checks checks = new Checks();
        // when
        checks.envName(name, "env");
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ST", "A B", "A=B", "", "-X"})
    void envName_whenInvalid_thenSaysWhatIsAllowed(String name) {
        // given
        Checks checks = new Checks();
        // when
        checks.envName(name, "env");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("env", "'" + name + "' is not a valid environment "
                + "variable name; use letters, digits and '_', not starting with a digit"));
    }

    @Test
    void labels_whenKeysHavePrefixesAndValuesAreValid_thenNoProblem() {
        // given
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "shop", "team", "checkout", "empty", "",
                "example.org/Tier_1", "a.b-c_d");
        Checks checks = new Checks();
        // when
        checks.labels(labels, "labels");
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @Test
    void labels_whenKeyIsInvalid_thenProblemAtTheMap() {
        // given
        Checks checks = new Checks();
        // when
        checks.labels(Map.of("-bad", "v"), "labels");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("labels", "'-bad' is not a valid label key"));
    }

    @Test
    void labels_whenKeyHasTwoSlashes_thenRejected() {
        // given
        Checks checks = new Checks();
        // when
        checks.labels(Map.of("a.io/b/c", "v"), "labels");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("labels", "'a.io/b/c' is not a valid label key"));
    }

    @Test
    void labels_whenKeyNameHas63CharactersAndPrefix253_thenAccepted() {
        // given the longest name and prefix Kubernetes accepts
        String prefix = ("p".repeat(63) + ".").repeat(3) + "p".repeat(61);
        Checks checks = new Checks();
        // when
        checks.labels(Map.of("n".repeat(63), "v", prefix + "/" + "n".repeat(63), "v"), "labels");
        // then
        assertThat(prefix).hasSize(253);
        assertThat(checks.problems()).isEmpty();
    }

    @Test
    void labels_whenKeyNameLongerThan63_thenRejected() {
        // given
        String key = "example.org/" + "n".repeat(64);
        Checks checks = new Checks();
        // when
        checks.labels(Map.of("n".repeat(64), "v"), "nodeSelector");
        checks.labels(Map.of(key, "v"), "labels");
        // then
        assertThat(checks.problems()).containsExactly(
                Problem.at("nodeSelector", "'" + "n".repeat(64) + "' is not a valid label key"),
                Problem.at("labels", "'" + Checks.printable(key) + "' is not a valid label key"));
    }

    @Test
    void labels_whenKeyPrefixLongerThan253_thenRejected() {
        // given
        String prefix = ("p".repeat(63) + ".").repeat(3) + "p".repeat(62);
        Checks checks = new Checks();
        // when
        checks.labels(Map.of(prefix + "/name", "v"), "labels");
        // then
        assertThat(checks.problems()).extracting(Problem::path).containsExactly("labels");
    }

    @Test
    void labels_whenValueIsInvalid_thenProblemAtTheKey() {
        // given
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "check out");
        labels.put("tier", "x".repeat(64));
        labels.put("owner", null);
        Checks checks = new Checks();
        // when
        checks.labels(labels, "labels");
        // then
        String rule = " is not a valid label value; use at most 63 letters, digits, '-', '_' or '.', starting and "
                + "ending with a letter or digit";
        assertThat(checks.problems()).containsExactly(
                Problem.at("labels.team", "'check out'" + rule),
                Problem.at("labels.tier", "'" + "x".repeat(64) + "'" + rule),
                Problem.at("labels.owner", "'null'" + rule));
    }

    @Test
    void labels_whenValueHasANewline_thenMessageShowsItEscaped() {
        // given
        Checks checks = new Checks();
        // when
        checks.labels(Map.of("team", "a\nb"), "labels");
        // then
        assertThat(checks.problems()).extracting(Problem::message)
                .singleElement().asString().startsWith("'a\\u000ab' is not a valid label value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "25%", "100%", "2147483647", "007"})
    void intOrPercent_whenValid_thenNoProblem(String value) {
        // given
        Checks checks = new Checks();
        // when
        checks.intOrPercent(value, "minAvailable");
        // then
        assertThat(checks.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "%", "50 %", "half"})
    void intOrPercent_whenInvalid_thenRejected(String value) {
        // given
        Checks checks = new Checks();
        // when
        checks.intOrPercent(value, "minAvailable");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("minAvailable",
                "'" + value + "' is neither a whole number nor a percentage like 25%"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "99999999999999999999|'99999999999999999999' is too large; expected a whole number up to 2147483647 or a "
                    + "percentage",
            "2147483648|'2147483648' is too large; expected a whole number up to 2147483647 or a percentage",
            "101%|'101%' is more than 100%"})
    void intOrPercent_whenBeyondWhatKubernetesHolds_thenRejected(String value, String message) {
        // given: found by the fuzzer, a number no int holds went on to fail generation with an exception
        Checks checks = new Checks();
        // when
        checks.intOrPercent(value, "minAvailable");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("minAvailable", message));
    }

    @Test
    void unique_whenANameRepeats_thenOneProblemPerRepeat() {
        // given
        Checks checks = new Checks();
        // when
        checks.unique(List.of("a", "b", "a", "a"), s -> s, "items");
        // then
        assertThat(checks.problems()).containsExactly(
                Problem.at("items", "'a' is defined more than once; names must be unique"),
                Problem.at("items", "'a' is defined more than once; names must be unique"));
    }

    @Test
    void nested_whenInnerValueFails_thenPrefixesEveryPath() {
        // given
        Checks checks = new Checks();
        // when
        checks.nested("services.web", () -> new Port("http", 0, "HTTP"));
        // then
        assertThat(checks.problems()).containsExactly(
                Problem.at("services.web.port", "port 0 is outside 1-65535"),
                Problem.at("services.web.protocol", "'HTTP' is not TCP, UDP or SCTP"));
    }

    @Test
    void nested_whenInnerProblemIsAtTheRoot_thenTakesThePrefixAsPath() {
        // given
        Checks checks = new Checks();
        // when
        checks.nested("budget", () -> new DisruptionBudget(null, null));
        // then
        assertThat(checks.problems())
                .containsExactly(Problem.at("budget", "set exactly one of minAvailable and maxUnavailable"));
    }

    @Test
    void done_whenProblemsWereRecorded_thenThrowsThemAllInOrder() {
        // given
        Checks checks = new Checks().required(null, "a").fail("b", "broken").require(false, "c", "no");
        // when
        var problems = problemsOf(checks::done);
        // then
        assertThat(problems).containsExactly(
                Problem.at("a", "is required"), Problem.at("b", "broken"), Problem.at("c", "no"));
    }

    @Test
    void done_whenNothingWasRecorded_thenDoesNotThrow() {
        // given
        Checks checks = new Checks().required("x", "a").require(true, "b", "never").atLeast(1, 1, "c");
        // when
        var problems = checks.problems();
        // then
        assertThat(problems).isEmpty();
        assertThatCode(checks::done).doesNotThrowAnyException();
    }

    @Test
    void required_whenBlankString_thenRequired() {
        // given
        Checks checks = new Checks();
        // when
        checks.required(" \t", "name");
        // then
        assertThat(checks.problems()).containsExactly(Problem.at("name", "is required"));
    }

    @Test
    void printable_whenControlAndNonAsciiCharacters_thenEscapesThem() {
        // given
        String value = "a\u00e9\n\u0000~\u007f";
        // when
        String printable = Checks.printable(value);
        // then
        assertThat(printable).isEqualTo("a\\u00e9\\u000a\\u0000~\\u007f");
    }

    @Test
    void printable_whenPlainAscii_thenUnchanged() {
        // given
        String value = "acme/gateway:1.0 (x)";
        // when
        String printable = Checks.printable(value);
        // then
        assertThat(printable).isEqualTo(value);
    }

    @Test
    void printable_whenFewerThan80CodePointsOutsideTheBmp_thenNothingCutAndNoEllipsis() {
        // given 41 emoji: 82 UTF-16 chars but only 41 characters
        String value = "\uD83D\uDE00".repeat(41);
        // when
        String printable = Checks.printable(value);
        // then
        assertThat(printable).isEqualTo("\\u1f600".repeat(41));
    }

    @Test
    void printable_whenMoreThan80CodePoints_thenCutAt80WithEllipsis() {
        // given
        String value = "x".repeat(79) + "\u00e9\u00e9";
        // when
        String printable = Checks.printable(value);
        // then
        assertThat(printable).isEqualTo("x".repeat(79) + "\\u00e9...");
    }

    @Test
    void printable_whenExactly80Characters_thenNoEllipsis() {
        // given
        String value = "x".repeat(80);
        // when
        String printable = Checks.printable(value);
        // then
        assertThat(printable).isEqualTo(value);
    }
}
