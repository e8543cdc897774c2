package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class TenantTest {

    @Test
    void new_whenPluginNamesHaveUnderscores_thenKeepsThem() {
        // given: the plugin names an ISP framework enables (seed 000: advanced_billing, crm_integration)
        List<String> plugins = List.of("advanced_billing", "crm_integration", "analytics", "sso-2");
        // when
        Tenant tenant = new Tenant("example-isp-001", "Example ISP", "medium", "professional", plugins,
                "example-isp.dotmac.app", List.of());
        // then
        assertThat(tenant.plugins()).containsExactly("advanced_billing", "crm_integration", "analytics", "sso-2");
    }

    @Test
    void new_whenPluginNameHasACommaUpperCaseOrEdgeUnderscore_thenEachNamedByIndex() {
        // given: a comma would split ENABLED_PLUGINS; upper case and a leading '_' are not plugin names
        List<String> plugins = List.of("billing,crm", "Billing", "_billing", "ok", "x".repeat(64));
        // when
        var problems = problemsOf(() -> new Tenant("acme", null, "small", "basic", plugins, "acme.example",
                List.of()));
        // then
        assertThat(problems).extracting(Problem::path)
                .containsExactly("plugins.0", "plugins.1", "plugins.2", "plugins.4");
        assertThat(problems.get(0).message()).isEqualTo("'billing,crm' is not a plugin name; use at most 63 "
                + "lower-case letters, digits, '-' and '_', starting and ending with a letter or digit");
    }
}
