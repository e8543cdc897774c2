package dev.kforge.golden;

import dev.kforge.Kforge;
import dev.kforge.api.Alert;
import dev.kforge.api.BackingService;
import dev.kforge.api.Config;
import dev.kforge.api.Environment;
import dev.kforge.api.Exposure;
import dev.kforge.api.Ingress;
import dev.kforge.api.Platform;
import dev.kforge.api.PodSettings;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Resources;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.emit.FileTree;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model's maps reach the output as variables, labels, annotations, headers and selectors, and a {@code Map.of}
 * iterates in an order that differs between JVM runs: whatever order each map is given in, the output is the same
 * bytes, with the maps sorted by key.
 */
class MapOrderTest {

    @Test
    void render_whenEveryMapIsGivenInTheOppositeOrder_thenTheSameBytes() {
        // given the same platform twice, each map once in its order and once reversed
        Platform given = platform(UnaryOperator.identity());
        Platform reversed = platform(MapOrderTest::reverse);
        // when
        FileTree a = Kforge.render(given);
        FileTree b = Kforge.render(reversed);
        // then
        assertThat(a.files().keySet()).isEqualTo(b.files().keySet());
        a.files().keySet().forEach(path -> assertThat(b.text(path)).as(path).isEqualTo(a.text(path)));
    }

    @Test
    void objects_whenAnOverrideAddsVariables_thenTheyFollowTheServicesOwnSortedByName() {
        // given an override whose map names the variables Z, A, M (in that order)
        Platform platform = platform(UnaryOperator.identity());
        // when
        List<Map<String, Object>> prod = dev.kforge.testing.ObjectSets.trees(Kforge.objects(platform, "prod",
                dev.kforge.spec.EnvironmentProfiles.builtIn()));
        // then
        Object env = at(find(prod, "Deployment", "web"), "spec.template.spec.containers[0].env");
        assertThat(((List<?>) env).stream().map(e -> String.valueOf(((Map<?, ?>) e).get("name"))).toList())
                .containsExactly("OWN", "A_FLAG", "M_FLAG", "Z_FLAG");
        assertThat(at(find(prod, "Deployment", "web"), "spec.template.spec.containers[0].readinessProbe.httpGet"
                + ".httpHeaders")).isEqualTo(List.of(Map.of("name", "Accept", "value", "text/plain"),
                Map.of("name", "X-Probe", "value", "1")));
    }

    private static Platform platform(UnaryOperator<Map<String, String>> order) {
        Probe readiness = new Probe(null, "/ready", null, null, order.apply(pairs("X-Probe", "1", "Accept",
                "text/plain")), null, null, null, null, null, null, null);
        return Platform.builder("maps")
                .label(first(order, "z.example/team", "a.example/cost"), "x")
                .label(second(order, "z.example/team", "a.example/cost"), "x")
                .backingService(new BackingService("db", List.of(5432), order.apply(pairs("role", "primary",
                        "app", "postgresql")), "data"))
                .service(Service.builder("web", ServiceKind.WEB_SERVICE)
                        .image("web:1.0.0")
                        .port("http", 8080)
                        .env("OWN", "1")
                        .config(new Config(order.apply(pairs("Z_LIT", "z", "A_LIT", "a")),
                                order.apply(pairs("z.yaml", "z: 1\n", "a.yaml", "a: 1\n")), null))
                        .probes(new Probes(null, readiness, null))
                        .resources(new Resources("100m", "200m", "64Mi", "128Mi", null))
                        .podAnnotation(first(order, "z.example/x", "a.example/y"), "1")
                        .podAnnotation(second(order, "z.example/x", "a.example/y"), "1")
                        .scheduling(new Scheduling(order.apply(pairs("zone", "a", "pool", "web")), null,
                                Scheduling.AntiAffinity.NONE, null))
                        .expose(new Exposure(Exposure.Type.LOAD_BALANCER, order.apply(pairs("z.example/lb", "1",
                                "a.example/lb", "2")), null, null))
                        .pod(new PodSettings(null, null, null, order.apply(pairs("zz", "1", "aa", "2")),
                                order.apply(pairs("z.example/p", "1", "a.example/p", "2")), null, null, null))
                        .alert(new Alert("Down", "up == 0", null, order.apply(pairs("team", "web", "severity",
                                "page")), order.apply(pairs("summary", "down", "description", "web is down"))))
                        .dependsOn("db")
                        .ingress(Ingress.builder().host("web.maps.example").build())
                        .build())
                .environment(Environment.builder("prod").profile("prod")
                        .label(first(order, "z.example/env", "a.example/env"), "prod")
                        .label(second(order, "z.example/env", "a.example/env"), "prod")
                        .service("web", new ServiceOverride(null, null, null, null, null,
                                order.apply(pairs("Z_FLAG", "z", "A_FLAG", "a", "M_FLAG", "m")), null))
                        .build())
                .build();
    }

    /** The first key of the two in {@code order}. */
    private static String first(UnaryOperator<Map<String, String>> order, String a, String b) {
        return order.apply(pairs(a, "", b, "")).keySet().iterator().next();
    }

    /** The second key of the two in {@code order}. */
    private static String second(UnaryOperator<Map<String, String>> order, String a, String b) {
        return first(order, a, b).equals(a) ? b : a;
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static Map<String, String> reverse(Map<String, String> map) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(map.entrySet());
        Collections.reverse(entries);
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
