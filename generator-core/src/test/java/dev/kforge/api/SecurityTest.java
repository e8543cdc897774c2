package dev.kforge.api;

import org.junit.jupiter.api.Test;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class SecurityTest {

    @Test
    void restricted_whenUsed_thenNonRootIdsAndReadOnlyRoot() {
        // given
        Security restricted = Security.RESTRICTED;
        // when
        boolean readOnly = restricted.readOnlyRootFilesystem();
        // then
        assertThat(readOnly).isTrue();
        assertThat(restricted).extracting(Security::runAsUser, Security::runAsGroup, Security::fsGroup)
                .containsExactly(10001L, 10001L, 10001L);
    }

    @Test
    void new_whenLowestAllowedIds_thenAccepted() {
        // given user and group 1, fsGroup 0
        // when
        Security security = new Security(1, 1, 0, false);
        // then
        assertThat(security.fsGroup()).isZero();
    }

    @Test
    void new_whenRootIdsAndNegativeFsGroup_thenEachIsReported() {
        // given root user and group
        // when
        var problems = problemsOf(() -> new Security(0, 0, -1, true));
        // then
        assertThat(problems).containsExactly(
                Problem.at("runAsUser", "0 is below the minimum 1"),
                Problem.at("runAsGroup", "0 is below the minimum 1"),
                Problem.at("fsGroup", "-1 is below the minimum 0"));
    }
}
