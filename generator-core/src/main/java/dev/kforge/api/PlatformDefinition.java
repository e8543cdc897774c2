package dev.kforge.api;

/**
 * The typed route to a platform: a class in your project that builds the {@link Platform} in Java, instead of a
 * YAML spec file.
 *
 * <pre>{@code
 * public class ShopPlatform implements PlatformDefinition {
 *     @Override
 *     public Platform define() {
 *         return Platform.builder("shop")
 *                 .service(Service.builder("web", ServiceKind.WEB_SERVICE)
 *                         .image("acme/web:1.4.2").port("http", 8080)
 *                         .resources("100m", "500m", "128Mi", "256Mi")
 *                         .build())
 *                 .environment(Environment.builder("prod").profile("prod").build())
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <p>The Maven plugin loads the class named by its {@code platformClass} parameter ({@code k8s.platformClass})
 * from the project's compile class path, after the project is compiled, and creates it with its public no-argument
 * constructor. The kforge types it uses ({@code dev.kforge.*}) are always the plugin's own, whatever version of
 * {@code generator-core} the project compiles against; compile against the same version to be safe.
 *
 * <p>While {@link #define()} runs, the thread's context class loader is the project's class path, so
 * {@link dev.kforge.imports.ManifestImport#fromClasspath(String, String)} finds manifests that Dekorate or JKube
 * generated into it.
 */
@FunctionalInterface
public interface PlatformDefinition {

    /**
     * Builds the platform. Called once per kforge run; it should not depend on the clock, the environment or the
     * machine, so that every build generates the same files.
     *
     * @return the platform, never {@code null}
     * @throws ModelException with every problem of the model (what {@link Platform.Builder#build()} throws);
     *                        kforge reports each problem with its path and writes nothing
     */
    Platform define();
}
