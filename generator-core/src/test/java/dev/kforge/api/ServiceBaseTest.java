package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How a service combines its own settings with a workload imported from Dekorate's or JKube's manifests. */
class ServiceBaseTest {

    private static ImportedWorkload imported(String image, Resources resources) {
        return new ImportedWorkload("META-INF/dekorate/kubernetes.yml in orders-1.4.2.jar", "Deployment", "orders",
                "orders", image, List.of("java"), List.of("-jar", "/app.jar"), List.of(Port.tcp("http", 8080)),
                List.of(EnvVar.fromField("KUBERNETES_NAMESPACE", "metadata.namespace"),
                        EnvVar.literal("LOG_LEVEL", "INFO")),
                Probes.http("/q/health/live", "/q/health/ready"), resources);
    }

    private static final Resources IMPORTED_RESOURCES = new Resources("250m", "1", "256Mi", "512Mi");

    @Test
    void build_whenServiceSetsNothingTheImportHas_thenTakesItAll() {
        // given
        ImportedWorkload base = imported("acme/orders:1.4.2", IMPORTED_RESOURCES);

        // when
        Service s = Service.builder("orders", ServiceKind.WEB_SERVICE).base(base).build();

        // then
        assertThat(s.image()).isEqualTo(new Image("acme/orders", "1.4.2"));
        assertThat(s.command()).containsExactly("java");
        assertThat(s.args()).containsExactly("-jar", "/app.jar");
        assertThat(s.ports()).containsExactly(Port.tcp("http", 8080));
        assertThat(s.env()).isEqualTo(base.env());
        assertThat(s.probes()).isEqualTo(base.probes());
        assertThat(s.resources()).isEqualTo(IMPORTED_RESOURCES);
        assertThat(s.replicas()).as("replicas are kforge's").isEqualTo(1);
        assertThat(s.security()).as("security is kforge's").isEqualTo(Security.RESTRICTED);
        assertThat(s.base()).isSameAs(base);
    }

    @Test
    void build_whenServiceSetsItsOwn_thenItsOwnWinAndEnvIsMergedByName() {
        // given
        ImportedWorkload base = imported("acme/orders:1.4.2", IMPORTED_RESOURCES);

        // when
        Service s = Service.builder("orders", ServiceKind.WEB_SERVICE).base(base)
                .image("acme/orders:1.5.0")
                .port("web", 9090)
                .env("LOG_LEVEL", "DEBUG").env("FEATURE_X", "on")
                .probes(new Probes(null, Probe.http("/ready"), null))
                .resources("100m", "200m", "64Mi", "128Mi")
                .build();

        // then
        assertThat(s.image()).isEqualTo(new Image("acme/orders", "1.5.0"));
        assertThat(s.ports()).containsExactly(Port.tcp("web", 9090));
        assertThat(s.env()).containsExactly(EnvVar.fromField("KUBERNETES_NAMESPACE", "metadata.namespace"),
                EnvVar.literal("LOG_LEVEL", "DEBUG"), EnvVar.literal("FEATURE_X", "on"));
        assertThat(s.probes()).isEqualTo(new Probes(null, Probe.http("/ready"), null));
        assertThat(s.resources()).isEqualTo(new Resources("100m", "200m", "64Mi", "128Mi"));
    }

    @Test
    void build_whenServiceHasATier_thenTheTiersResourcesWinOverTheImported() {
        // when
        Service s = Service.builder("orders", ServiceKind.WEB_SERVICE)
                .base(imported("acme/orders:1.4.2", IMPORTED_RESOURCES)).tier("small").build();
        Platform p = Platform.builder("shop").tier(new Tier("small", new Resources("50m", "100m", "32Mi", "64Mi"),
                null, 1, 1, null, BigDecimal.ONE)).service(s).build();

        // then
        assertThat(s.resources()).isNull();
        assertThat(p.service("orders").tier()).isEqualTo("small");
    }

    @Test
    void build_whenRebuiltFromItsOwnValues_thenIsEqual() {
        // given
        Service s = Service.builder("orders", ServiceKind.WEB_SERVICE)
                .base(imported("acme/orders:1.4.2", IMPORTED_RESOURCES)).env("FEATURE_X", "on").build();

        // when
        Service again = new Service(s.name(), s.kind(), s.image(), s.command(), s.args(), s.ports(), s.env(),
                s.config(), s.probes(), s.resources(), s.tier(), s.replicas(), s.autoscaling(), s.disruptionBudget(),
                s.security(), s.rbac(), s.initContainers(), s.volumes(), s.storage(), s.scheduling(), s.ingress(),
                s.metrics(), s.dependsOn(), s.egress(), s.schedule(), s.podAnnotations(), s.base());

        // then
        assertThat(again).isEqualTo(s);
    }

    @Test
    void build_whenImportedImageIsNotPinned_thenSaysWhereItComesFromAndHowToReplaceIt() {
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> Service.builder("orders",
                ServiceKind.WEB_SERVICE).base(imported("acme/orders:latest", IMPORTED_RESOURCES)).build());

        // then
        assertThat(e.problems()).extracting(Problem::toString).containsExactly("image: 'latest' is not a pinned "
                + "tag; use a version like 1.4.2 (the image acme/orders:latest comes from Deployment orders in "
                + "META-INF/dekorate/kubernetes.yml in orders-1.4.2.jar; set a pinned image on the service to "
                + "replace it, or have the tool tag images with a version)");
        assertThat(Service.builder("orders", ServiceKind.WEB_SERVICE)
                .base(imported("acme/orders:latest", IMPORTED_RESOURCES)).image("acme/orders:1.4.2").build()
                .image().tag()).isEqualTo("1.4.2");
    }

    @Test
    void build_whenImportedImagesGroupIsTheBuildMachinesUser_thenRefusesItWithTheFix() {
        // given: Dekorate's default group, the user name of the machine that compiled the application
        ImportedWorkload base = new ImportedWorkload("META-INF/dekorate/kubernetes.yml in classes", "Deployment",
                "orders", "orders", "root/orders:1.4.2", null, null, List.of(Port.tcp("http", 8080)), null, null,
                IMPORTED_RESOURCES, "root");

        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> Service.builder("orders",
                ServiceKind.WEB_SERVICE).base(base).build());

        // then
        assertThat(e.problems()).extracting(Problem::toString).containsExactly("image: the image root/orders:1.4.2 "
                + "comes from Deployment orders in META-INF/dekorate/kubernetes.yml in classes, and its group 'root' "
                + "is the user name of the machine that built it (Dekorate's default image group): the output would "
                + "differ from one machine to the next and k8s:verify would fail in CI. Set the image on the "
                + "service, or Dekorate's group and registry (@DockerBuild(group = \"...\", registry = \"...\") on "
                + "a class of the application)");
    }

    @Test
    void build_whenServiceSetsItsOwnImageOverAUsersGroup_thenTakesTheRestOfTheImport() {
        // given
        ImportedWorkload base = new ImportedWorkload("META-INF/dekorate/kubernetes.yml in classes", "Deployment",
                "orders", "orders", "root/orders:1.4.2", null, null, List.of(Port.tcp("http", 8080)), null, null,
                IMPORTED_RESOURCES, "root");

        // when
        Service s = Service.builder("orders", ServiceKind.WEB_SERVICE).base(base)
                .image("registry.example.com/shop/orders:1.4.2").build();

        // then
        assertThat(s.image().reference()).isEqualTo("registry.example.com/shop/orders:1.4.2");
        assertThat(s.ports()).containsExactly(Port.tcp("http", 8080));
    }

    @Test
    void build_whenNeitherServiceNorImportHasResources_thenSaysTheImportHasNone() {
        // given: a tier could size the service (or a tenant's tier, in a multi-tenant platform): the platform decides
        Service orders = Service.builder("orders", ServiceKind.WEB_SERVICE)
                .base(imported("acme/orders:1.4.2", null)).build();
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> Platform.builder("shop").service(orders)
                .build());

        // then
        assertThat(e.problems()).extracting(Problem::toString).containsExactly("services.orders.resources: set "
                + "resources or a tier "
                + "(the container of Deployment orders in META-INF/dekorate/kubernetes.yml in orders-1.4.2.jar does "
                + "not set all of its cpu and memory requests and limits)");
    }
}
