package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Tenant;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.HelmEmitter;
import dev.kforge.emit.KustomizeEmitter;
import dev.kforge.objects.ObjectFactory;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.Resolver;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.testing.SamplePlatforms;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantShapesTest {

    private static final String[] TIERS = {"micro", "small", "medium", "large", "xlarge"};

    @Test
    void render_whenTenantsHaveAwkwardIdsNamesAndDomains_thenEveryFileEqualsGeneratingEachTenantItself() {
        // given ids and names YAML would read as something else, the longest id, a long domain, the tenant base's
        // own id and domain, a tenant with a service of its own, and tenants sharing a shape
        List<Tenant> tenants = new ArrayList<>();
        String[] ids = {"yes", "no", "on", "null", "123", "0x1f", "1e3", "007", "true", "a", "tenant",
            "x".repeat(40), "t-1", "t-2", "t-3"};
        String[] names = {"Yes: Corp", null, "O'Brien & \"Sons\"", "# not a comment", "Ünïcødé 日本",
            "  padded  ", "multi - dash", "null", "~", "[list]", "{map}", "a: b", "'quoted'", "Tenant 1", "@home"};
        for (int i = 0; i < ids.length; i++) {
            String domain = i == 10 ? "tenant.example" : i == 11 ? "a".repeat(60) + "." + "b".repeat(60) + ".example"
                    : ids[i] + ".isp.example";
            tenants.add(new Tenant(ids[i], names[i], TIERS[i % TIERS.length], i % 3 == 0 ? "enterprise" : "standard",
                    i % 2 == 0 ? List.of("sso", "audit") : List.of(), domain, i % 4 == 0 ? List.of("prod") : List.of()));
        }
        tenants.add(new Tenant("own", "Own", "small", "standard", List.of(), "own.isp.example", List.of(),
                List.of(Service.builder("blog", ServiceKind.WEB_SERVICE).image("ghost:5.80.0").port("http", 2368)
                        .build())));
        Platform isp = SamplePlatforms.isp(tenants);

        // when
        FileTree shared = Kforge.render(isp);
        FileTree each = Generations.renderEachTenant(isp);

        // then
        assertThat(shared.files().keySet()).isEqualTo(each.files().keySet());
        assertThat(shared.files().keySet()).filteredOn(p -> p.contains("/tenants/")).hasSizeGreaterThan(30);
        each.files().forEach((path, content) -> assertThat(new String(shared.files().get(path),
                StandardCharsets.UTF_8)).as(path).isEqualTo(new String(content, StandardCharsets.UTF_8)));
    }

    @Test
    void of_whenTenantsDifferOnlyInIdNameAndDomain_thenTheyShareOneProvenShape() {
        // given
        Platform isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        TenantShapes shapes = shapes(isp);
        Environment prod = environment(isp, "prod");
        Tenant one = new Tenant("one", "One", "small", "standard", List.of("sso"), "one.example", List.of());
        Tenant two = new Tenant("two", null, "small", "standard", List.of("sso"), "two.other.example", List.of());
        Tenant named = new Tenant("three", "Three", "small", "standard", List.of("sso"), "three.example", List.of());

        // when
        var a = shapes.of(prod, one);
        var b = shapes.of(prod, named);

        // then one shape for tenants alike but for their id, name and domain; its root is the tenant's own
        assertThat(a).isPresent();
        assertThat(b.orElseThrow()).isSameAs(a.orElseThrow());
        assertThat(shapes.of(prod, two)).isPresent().get().isNotSameAs(a.get());
        String kustomization = TenantShapes.files(a.get(), one).files().get("kustomization.yaml").toString();
        assertThat(kustomization).contains("isp-one").doesNotContain("kfshape");
    }

    @Test
    void of_whenTheShapeCannotSpeakForTheTenant_thenTheTenantIsGeneratedItself() {
        // given
        Platform isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        TenantShapes shapes = shapes(isp);
        Environment prod = environment(isp, "prod");
        Service blog = Service.builder("blog", ServiceKind.WEB_SERVICE).image("ghost:5.80.0").port("http", 2368)
                .build();

        // when / then: services of its own, the tenant base's id or domain, a domain longer than the stand-in's
        assertThat(shapes.of(prod, new Tenant("own", null, "small", "standard", List.of(), "own.example",
                List.of(), List.of(blog)))).isEmpty();
        Tenant base = Generations.placeholderTenant(isp);
        assertThat(shapes.of(prod, new Tenant(base.id(), null, "small", "standard", List.of(), "x.example",
                List.of()))).isEmpty();
        assertThat(shapes.of(prod, new Tenant("x", null, "small", "standard", List.of(), base.domain(),
                List.of()))).isEmpty();
        assertThat(shapes.of(prod, new Tenant("y", null, "small", "standard", List.of(),
                "c".repeat(63) + "." + "d".repeat(63) + ".example", List.of()))).isEmpty();
        assertThat(shapes.of(prod, new Tenant("z", null, "small", "standard", List.of(), "z.example",
                List.of()))).isPresent();
    }

    @Test
    void of_whenTheShapesObjectsFailTheSchemas_thenItsTenantsAreGeneratedAndCheckedThemselves() {
        // given a check that refuses every object
        Platform isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        TenantShapes shapes = shapes(isp, objects -> false);

        // when
        var shape = shapes.of(environment(isp, "prod"), new Tenant("one", null, "small", "standard", List.of(),
                "one.example", List.of()));

        // then
        assertThat(shape).isEmpty();
    }

    private static TenantShapes shapes(Platform platform) {
        return shapes(platform, objects -> true);
    }

    private static TenantShapes shapes(Platform platform,
                                       java.util.function.Predicate<List<dev.kforge.objects.KubeObject>> valid) {
        var profiles = EnvironmentProfiles.builtIn();
        ResolvedPlatform base = Resolver.tenant(platform, null, Generations.placeholderTenant(platform), profiles);
        var prepared = KustomizeEmitter.prepare(base.target(), ObjectFactory.build(base));
        HelmEmitter.Chart chart = new HelmEmitter().tenantChart(base, HelmEmitter.DEFAULT_VERSION, new FileTree());
        return new TenantShapes(platform, profiles, new KustomizeEmitter(), prepared, "../../../tenant-base", chart,
                base.target().tenant(), valid);
    }

    private static Environment environment(Platform platform, String name) {
        return platform.environments().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
