package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.HelmEmitter;
import dev.kforge.emit.KustomizeEmitter;
import dev.kforge.emit.YamlWriter;
import dev.kforge.objects.KubeObject;
import dev.kforge.objects.ObjectFactory;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.Resolver;
import dev.kforge.resolve.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Tenant roots without generating every tenant's objects. Tenants of one tier, license tier, plugins and
 * environments differ only in their id and domain, and those reach the output as text: a namespace
 * {@code <prefix>-<id>}, a label, an env variable, a host under the domain. So a root is generated once per such
 * shape, for a stand-in tenant, and every tenant of the shape gets it with the stand-in's id and domain replaced
 * by its own — the same files, byte for byte, as generating the tenant itself, at a fraction of the cost.
 *
 * <p>That holds only if the id and domain reach the output as nothing but text. Each shape proves it before it is
 * used: it is generated for two stand-ins — the longest id a tenant may have and a long domain, both sorting after
 * any name; and a short id and domain sorting before any — and the first, with its id and domain replaced by the
 * second's, must give the second's files exactly. Output that shortens, hashes, re-orders or otherwise derives
 * anything from an id or domain fails that proof, and its tenants are generated one by one. So are tenants with
 * services of their own, and any tenant the proof cannot speak for: a longer domain than the stand-in's, or the
 * tenant base's own id or domain (where a root's patches are decided by equality with the base).
 *
 * <p>A shape's objects pass the Kubernetes schemas for both stand-ins, or its tenants are generated (and checked)
 * one by one: the schemas take the id and domain as plain strings, so what holds for both holds for every tenant.
 *
 * <p>Most tenants do not even need their files written as YAML: the stand-in's files, as text, with the id and
 * domain replaced. That is the same text when the id and domain are plain words of letters, digits, '-' and '.',
 * and no text holding them reads as something else once they are in it (a label value {@code 007} is a number and
 * must be quoted); both are checked per tenant, and the shape's text proven like its trees. Any other tenant gets
 * its shape's trees written out.
 */
final class TenantShapes {

    /** Every stand-in contains this; a real tenant containing it is generated directly. */
    private static final String MARK = "kfshape";
    private static final String ID_A = "zzkfshapeidzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
    private static final String DOMAIN_A = "zzkfshapedomainzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz."
            + "zzkfshapedomainzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.zzkfshape.invalid";
    private static final String ID_B = "00kfshapeid";
    private static final String DOMAIN_B = "00kfshapedomain.example";
    /** Display names: the longest a tenant may have, and a short one. */
    private static final String NAME_A = "zz kfshape name " + "z".repeat(184);
    private static final String NAME_B = "00 kfshape name";

    /** Ids and domains that go into a shape's text as they are. */
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9][-a-z0-9.]*");

    /**
     * One shape's root and values, for stand-in A: as trees, and, if proven, as text.
     *
     * @param texts     the root's files as written (path in the root to text), or null if text may not be used
     * @param valuesText the values file's YAML document
     * @param scalars   every text in the files and values that holds a stand-in's id or domain
     */
    record Shape(Target target, List<KubeObject> objects, KustomizeEmitter.OverlayFiles files,
                 Map<String, Object> values, Map<String, String> texts, String valuesText, List<String> scalars) {
    }

    private record Key(String environment, String tier, String licenseTier, List<String> plugins,
                       List<String> environments, String imageTag, boolean named) {
    }

    private final Platform platform;
    private final Map<String, Environment> profiles;
    private final KustomizeEmitter emitter;
    private final KustomizeEmitter.Base base;
    private final String basePath;
    private final HelmEmitter.Chart chart;
    private final Tenant baseTenant;
    private final Predicate<List<KubeObject>> valid;
    private final Map<Key, Optional<Shape>> shapes = new ConcurrentHashMap<>();

    TenantShapes(Platform platform, Map<String, Environment> profiles, KustomizeEmitter emitter,
                 KustomizeEmitter.Base base, String basePath, HelmEmitter.Chart chart, Tenant baseTenant,
                 Predicate<List<KubeObject>> valid) {
        this.valid = valid;
        this.platform = platform;
        this.profiles = profiles;
        this.emitter = emitter;
        this.base = base;
        this.basePath = basePath;
        this.chart = chart;
        this.baseTenant = baseTenant;
    }

    /** The proven shape {@code tenant} has in {@code env}, or empty if the tenant must be generated directly. */
    Optional<Shape> of(Environment env, Tenant tenant) {
        if (!tenant.services().isEmpty() || tenant.domain().length() > DOMAIN_A.length()
                || tenant.id().contains(MARK) || tenant.domain().contains(MARK)
                || tenant.displayName() != null && tenant.displayName().contains(MARK)
                || tenant.imageTag() != null && tenant.imageTag().contains(MARK)
                || tenant.id().equals(baseTenant.id()) || tenant.domain().equals(baseTenant.domain())) {
            return Optional.empty();
        }
        Key key = new Key(env.name(), tenant.tier(), tenant.licenseTier(), tenant.plugins(), tenant.environments(),
                tenant.imageTag(), tenant.displayName() != null);
        return shapes.computeIfAbsent(key, k -> prove(env, tenant));
    }

    /** {@code shape}'s root and values for {@code tenant}: the stand-in's id and domain replaced by the tenant's. */
    static KustomizeEmitter.OverlayFiles files(Shape shape, Tenant tenant) {
        return new KustomizeEmitter.OverlayFiles(castMap(replace(shape.files().files(), tenant)));
    }

    /** {@code shape}'s values file content for {@code tenant}. */
    static Map<String, Object> values(Shape shape, Tenant tenant) {
        return castMap(replace(shape.values(), tenant));
    }

    private Optional<Shape> prove(Environment env, Tenant tenant) {
        Shape a;
        Shape b;
        try {
            a = generate(env, standIn(tenant, ID_A, NAME_A, DOMAIN_A));
            b = generate(env, standIn(tenant, ID_B, NAME_B, DOMAIN_B));
        } catch (RuntimeException e) {
            // a stand-in the model refuses: the tenants of this shape say for themselves
            return Optional.empty();
        }
        if (!valid.test(a.objects()) || !valid.test(b.objects())) {
            // the tenants of this shape are checked one by one, and the problem named for the tenant it is in
            return Optional.empty();
        }
        Tenant bTenant = standIn(tenant, ID_B, NAME_B, DOMAIN_B);
        Map<String, String> bTexts = texts(b.files());
        boolean same = texts(files(a, bTenant)).equals(bTexts)
                && yaml.document(values(a, bTenant)).equals(b.valuesText());
        if (!same) {
            return Optional.empty();
        }
        Map<String, String> aTexts = texts(a.files());
        List<String> scalars = new ArrayList<>();
        scalars(a.files().files(), scalars);
        scalars(a.values(), scalars);
        // the text of A, its id and domain replaced by B's, must be B's text; and no display name may be in it
        boolean text = scalars.stream().noneMatch(x -> x.contains(NAME_A))
                && replaceAll(aTexts, bTenant).equals(bTexts)
                && replace(a.valuesText(), bTenant).equals(b.valuesText());
        return Optional.of(new Shape(a.target(), a.objects(), a.files(), a.values(), text ? aTexts : null,
                a.valuesText(), List.copyOf(new java.util.LinkedHashSet<>(scalars))));
    }

    /**
     * Writes {@code tenant}'s root into {@code root} and its values file, from {@code shape}: as text where the
     * tenant's id and domain allow, otherwise as trees.
     */
    void write(Shape shape, Tenant tenant, String environment, String root, String valuesName, FileTree out) {
        if (shape.texts() != null && PLAIN.matcher(tenant.id()).matches()
                && PLAIN.matcher(tenant.domain()).matches()
                && shape.scalars().stream().noneMatch(x -> YamlWriter.ambiguous(replace(x, tenant)))) {
            shape.texts().forEach((file, text) -> out.put(root + file, replace(text, tenant)));
            chart.values(valuesName, tenant, environment, replace(shape.valuesText(), tenant));
            return;
        }
        emitter.write(root, files(shape, tenant), out);
        chart.values(valuesName, tenant, environment, values(shape, tenant));
    }

    private final YamlWriter yaml = new YamlWriter();

    private Map<String, String> texts(KustomizeEmitter.OverlayFiles files) {
        FileTree tree = new FileTree();
        emitter.write("", files, tree);
        Map<String, String> out = new java.util.TreeMap<>();
        tree.files().keySet().forEach(path -> out.put(path, tree.text(path)));
        return out;
    }

    private static Map<String, String> replaceAll(Map<String, String> texts, Tenant tenant) {
        Map<String, String> out = new java.util.TreeMap<>();
        texts.forEach((path, text) -> out.put(path, replace(text, tenant)));
        return out;
    }

    /** Collects every text in {@code node} (keys too, inline patches too) holding a stand-in's id or domain. */
    private static void scalars(Object node, List<String> out) {
        if (node instanceof String text) {
            if (text.contains(MARK)) {
                out.add(text);
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                scalars(k, out);
                scalars(v, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> scalars(v, out));
        } else if (node instanceof YamlWriter.Embedded patch) {
            scalars(patch.content(), out);
        }
    }

    private Shape generate(Environment env, Tenant standIn) {
        ResolvedPlatform resolved = Resolver.tenant(platform, env, standIn, profiles);
        List<KubeObject> objects = ObjectFactory.build(resolved);
        KustomizeEmitter.OverlayFiles files = emitter.overlay(basePath, base,
                new KustomizeEmitter.Overlay(resolved.target(), objects), true);
        Map<String, Object> values = chart.overrides(resolved);
        return new Shape(resolved.target(), objects, files, values, null, yaml.document(values), List.of());
    }

    private static Tenant standIn(Tenant tenant, String id, String name, String domain) {
        return new Tenant(id, tenant.displayName() == null ? null : name, tenant.tier(), tenant.licenseTier(), tenant.plugins(), domain,
                tenant.environments()).withImageTag(tenant.imageTag());
    }

    /** {@code text} with stand-in A's id, display name and domain replaced by the tenant's. */
    static String replace(String text, Tenant tenant) {
        if (!text.contains(MARK)) {
            return text;
        }
        // the tenant's own values contain no stand-in, so no replacement can make another
        String out = text.replace(NAME_A, tenant.displayName() == null ? "" : tenant.displayName());
        return out.replace(DOMAIN_A, tenant.domain()).replace(ID_A, tenant.id());
    }

    /** A copy of {@code node} with stand-in A's id, display name and domain replaced by the tenant's. */
    private static Object replace(Object node, Tenant tenant) {
        if (node instanceof String text) {
            return replace(text, tenant);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(replace(k, tenant), replace(v, tenant)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(replace(v, tenant)));
            return out;
        }
        if (node instanceof YamlWriter.Embedded patch) {
            return new YamlWriter.Embedded(replace(patch.content(), tenant));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
