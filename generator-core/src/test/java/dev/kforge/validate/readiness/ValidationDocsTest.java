package dev.kforge.validate.readiness;

import dev.kforge.validate.PolicyRules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/validation.md stays true to the rules: every rule listed, every kube-linter default check covered. */
class ValidationDocsTest {

    private static final Path DOCS = Path.of("../docs/validation.md");

    private static List<String> ruleIds() {
        List<String> ids = new ArrayList<>();
        PolicyRules.RULES.forEach(r -> ids.add(r.id()));
        Readiness.RULES.forEach(r -> ids.add(r.id()));
        return ids;
    }

    @Test
    void docs_whenRead_thenEveryRuleIsDescribedWithItsSeverity() throws IOException {
        // given
        String docs = Files.readString(DOCS);
        // when / then
        for (String id : ruleIds()) {
            assertThat(docs).as(id).contains("`" + id + "`");
        }
        for (PolicyRules.Rule r : Readiness.RULES) {
            assertThat(docs).contains("| `" + r.id() + "` | " + r.severity().name().toLowerCase(java.util.Locale.ROOT)
                    + " |");
        }
        assertThat(Readiness.RULES).extracting(PolicyRules.Rule::id).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(PolicyRules.RULES.stream().map(PolicyRules.Rule::id).toList());
    }

    @Test
    void docs_whenKubeLinterTableIsRead_thenAllItsChecksAreListedAndEachDefaultOneIsCoveredByARealRule()
            throws IOException {
        // given
        String docs = Files.readString(DOCS);
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| (yes|no) \\| (.+) \\|$").matcher(
                docs.substring(docs.indexOf("## kube-linter's checks")));
        List<String> checks = new ArrayList<>();
        List<String> ids = ruleIds();
        // when
        while (row.find()) {
            checks.add(row.group(1));
            String covering = row.group(3);
            if (row.group(2).equals("yes")) {
                Matcher id = Pattern.compile("`([a-z0-9-]+)`").matcher(covering);
                boolean covered = covering.startsWith("the schema check");
                while (id.find()) {
                    covered |= ids.contains(id.group(1));
                }
                assertThat(covered).as(row.group(1) + " is on by default and covered: " + covering).isTrue();
            } else {
                assertThat(covering).as(row.group(1)).matches("(none: |none, |`|the schema check|`).*");
            }
        }
        // then
        assertThat(checks).hasSize(63).doesNotHaveDuplicates().isSorted();
    }
}
