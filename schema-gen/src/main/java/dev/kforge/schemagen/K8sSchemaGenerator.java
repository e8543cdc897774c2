package dev.kforge.schemagen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Build-time tool: turns the model classes of the official Kubernetes Java client ({@code io.kubernetes:client-java-api},
 * generated from the Kubernetes OpenAPI v2 spec of one release) into a compact schema file that kforge's validator
 * loads at run time. Each jar is loaded in its own class loader; nothing is fetched.
 *
 * <p>Arguments: {@code <output dir> <k8s version>=<maven coordinates>=<jar path> ...}. Writes
 * {@code <output dir>/k8s-<version>.json.gz} per version, skipping a version whose output is newer than its jar.
 *
 * <p>What the schema file holds, per OpenAPI definition (Java model class): its properties with their types, its
 * required properties, and for the definitions with an {@code x-kubernetes-group-version-kind} (the classes that
 * implement {@code KubernetesObject} or {@code KubernetesListObject}) the apiVersion and kind; plus the
 * file-name index kubeconform uses to find a schema ({@code <kind>-<group>-<version>}, see the validator's docs).
 */
public final class K8sSchemaGenerator {

    private static final String MODELS = "io/kubernetes/client/openapi/models/";
    private static final String APIS = "io/kubernetes/client/openapi/apis/";
    private static final Pattern CLASS_NAME = Pattern.compile("([A-Z][a-z]+)?(V[0-9]+(?:alpha[0-9]+|beta[0-9]+)?)([A-Z].*)");
    private static final Pattern API_CLASS = Pattern.compile(Pattern.quote(APIS) + "([A-Za-z0-9]+)Api(?:\\$.*)?\\.class");
    private static final Pattern API_PATH = Pattern.compile("/apis?/(?:([a-z0-9.-]+)/)?(v[0-9]+(?:alpha[0-9]+|beta[0-9]+)?)/");
    private static final Pattern MODEL_REF = Pattern.compile(Pattern.quote(MODELS) + "([A-Za-z0-9]+)");

    /**
     * Kinds that are sent to a sub-resource of another group's resource, so that the API class using them is not
     * their group: {@code pods/eviction}, {@code <resource>/scale}, {@code serviceaccounts/token}.
     */
    private static final Map<String, String> GROUP_OVERRIDES = Map.of(
            "V1Eviction", "policy",
            "V1Scale", "autoscaling",
            "AuthenticationV1TokenRequest", "authentication.k8s.io");

    /** Definitions in {@code io.k8s.apimachinery.pkg.apis.meta.v1}: their schema file is {@code <kind>-meta-v1}. */
    private static final Set<String> META = Set.of("V1Status", "V1DeleteOptions", "V1WatchEvent", "V1APIGroup",
            "V1APIGroupList", "V1APIResourceList", "V1APIVersions", "V1OwnerReference", "V1ListMeta", "V1ObjectMeta",
            "V1LabelSelector", "V1LabelSelectorRequirement", "V1ManagedFieldsEntry", "V1Condition", "V1Preconditions",
            "V1StatusDetails", "V1StatusCause", "V1APIResource", "V1GroupVersionForDiscovery",
            "V1ServerAddressByClientCIDR", "V1FieldSelectorRequirement");

    /**
     * Definitions that are not kinds but declare both {@code apiVersion} and {@code kind}: kubeconform finds their
     * schema file by name like any kind's, so a document naming them is validated against them. Their package.
     */
    private static final Map<String, String> NON_KIND_DOCUMENTS = Map.ofEntries(
            Map.entry("V1ObjectReference", "core"),
            Map.entry("V1CrossVersionObjectReference", "autoscaling"),
            Map.entry("V2CrossVersionObjectReference", "autoscaling"),
            Map.entry("V1OwnerReference", "meta"),
            Map.entry("V1BoundObjectReference", "authentication"),
            Map.entry("V1ParamKind", "admissionregistration"),
            Map.entry("V1alpha1ParamKind", "admissionregistration"),
            Map.entry("V1beta1ParamKind", "admissionregistration"));

    /** openapi2jsonschema writes no stand-alone schema for these (they carry JSON schemas themselves). */
    private static final Set<String> UNSUPPORTED_KINDS = Set.of("jsonschemaprops", "jsonschemapropsorarray",
            "customresourcevalidation", "customresourcedefinition", "customresourcedefinitionspec",
            "customresourcedefinitionlist", "jsonschemapropsorstringarray", "jsonschemapropsorbool");

    private K8sSchemaGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: <output dir> <version>=<coordinates>=<jar> ...");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split("=", 3);
            Path jar = Path.of(parts[2]);
            Path target = out.resolve("k8s-" + parts[0] + ".json.gz");
            if (Files.exists(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(jar)) > 0
                    && Files.getLastModifiedTime(target).toMillis() > ownTimestamp()) {
                continue;
            }
            byte[] json = generate(parts[0], parts[1], jar).getBytes(StandardCharsets.UTF_8);
            Path tmp = Files.createTempFile(out, "k8s-", ".tmp");
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                os.write(json);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("[kforge schema-gen] Kubernetes " + parts[0] + " from " + parts[1] + ": " + target);
        }
    }

    private static long ownTimestamp() {
        try {
            URL self = K8sSchemaGenerator.class.getProtectionDomain().getCodeSource().getLocation();
            return Files.getLastModifiedTime(Path.of(self.toURI())).toMillis();
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    static String generate(String version, String coordinates, Path jarPath) throws Exception {
        List<String> modelNames = new ArrayList<>();
        Map<String, String> apiGroups = new TreeMap<>();            // XxxV1Api -> "group/version"
        Map<String, Set<String>> referencedBy = new TreeMap<>();    // model -> group/versions of APIs using it
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            Map<String, Set<String>> apiModels = new TreeMap<>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.startsWith(MODELS) && name.endsWith(".class") && !name.contains("$")
                        && name.indexOf('/', MODELS.length()) < 0) {
                    modelNames.add(name.substring(MODELS.length(), name.length() - ".class".length()));
                }
                Matcher api = API_CLASS.matcher(name);
                if (api.matches()) {
                    List<String> strings;
                    try (InputStream in = jar.getInputStream(entry)) {
                        strings = ClassFileStrings.of(in.readAllBytes());
                    }
                    for (String s : strings) {
                        Matcher path = API_PATH.matcher(s);
                        if (path.lookingAt() && s.startsWith("/api")) {
                            String gv = (path.group(1) == null ? "" : path.group(1) + "/") + path.group(2);
                            String previous = apiGroups.putIfAbsent(api.group(1), gv);
                            if (previous != null && !previous.equals(gv)) {
                                throw new IllegalStateException(api.group(1) + " serves " + previous + " and " + gv);
                            }
                        }
                        Matcher ref = MODEL_REF.matcher(s);
                        while (ref.find()) {
                            apiModels.computeIfAbsent(api.group(1), k -> new TreeSet<>()).add(ref.group(1));
                        }
                    }
                }
            }
            apiModels.forEach((api, models) -> {
                String gv = apiGroups.get(api);
                if (gv != null) {
                    models.forEach(m -> referencedBy.computeIfAbsent(m, k -> new TreeSet<>()).add(gv));
                }
            });
        }
        modelNames.sort(null);

        StringBuilder problems = new StringBuilder();
        Map<String, Map<String, Object>> types = new TreeMap<>();
        Map<String, String> documents = new TreeMap<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jarPath.toUri().toURL()},
                K8sSchemaGenerator.class.getClassLoader())) {
            Class<?> kubernetesObject = loader.loadClass("io.kubernetes.client.common.KubernetesObject");
            Class<?> kubernetesList = loader.loadClass("io.kubernetes.client.common.KubernetesListObject");
            for (String simpleName : modelNames) {
                Class<?> c = loader.loadClass(MODELS.replace('/', '.') + simpleName);
                Field fieldsField = staticField(c, "openapiFields");
                if (fieldsField == null || c.isEnum() || c.isInterface()) {
                    continue;
                }
                Collection<?> props = (Collection<?>) fieldsField.get(null);
                Collection<?> required = (Collection<?>) staticField(c, "openapiRequiredFields").get(null);
                Map<String, Field> byJsonName = new TreeMap<>();
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    byJsonName.put(jsonName(f), f);
                }
                Map<String, Object> type = new TreeMap<>();
                Map<String, String> properties = new TreeMap<>();
                for (Object p : props) {
                    Field f = byJsonName.get((String) p);
                    if (f == null) {
                        problems.append(simpleName).append(".").append(p).append(": no Java field\n");
                        continue;
                    }
                    properties.put((String) p, typeOf(f.getGenericType(), simpleName + "." + p, problems));
                }
                type.put("p", properties);
                List<String> req = new ArrayList<>();
                required.forEach(r -> req.add((String) r));
                req.sort(null);
                if (!req.isEmpty()) {
                    type.put("r", req);
                }
                boolean isKind = kubernetesObject.isAssignableFrom(c) || kubernetesList.isAssignableFrom(c);
                if (isKind && !META.contains(simpleName)) {
                    Matcher n = CLASS_NAME.matcher(simpleName);
                    if (!n.matches()) {
                        problems.append(simpleName).append(": kind class name not understood\n");
                        continue;
                    }
                    String kindVersion = n.group(2).toLowerCase(Locale.ROOT);
                    String kind = n.group(3);
                    String group = groupOf(simpleName, n.group(1), kindVersion, referencedBy.get(simpleName), problems);
                    if (group == null) {
                        continue;
                    }
                    String apiVersion = group.isEmpty() ? kindVersion : group + "/" + kindVersion;
                    Map<String, Object> gvk = new TreeMap<>();
                    gvk.put("apiVersion", apiVersion);
                    gvk.put("kind", kind);
                    type.put("gvk", gvk);
                    if (!UNSUPPORTED_KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
                        String file = kind.toLowerCase(Locale.ROOT) + "-"
                                + (group.isEmpty() ? "" : packageOf(group) + "-") + kindVersion;
                        String previous = documents.put(file, simpleName);
                        if (previous != null) {
                            problems.append(file).append(": both ").append(previous).append(" and ").append(simpleName)
                                    .append('\n');
                        }
                    }
                } else if (properties.containsKey("apiVersion") && properties.containsKey("kind")
                        && !META.contains(simpleName) || NON_KIND_DOCUMENTS.containsKey(simpleName)) {
                    String pkg = NON_KIND_DOCUMENTS.get(simpleName);
                    Matcher n = CLASS_NAME.matcher(simpleName);
                    if (pkg == null || !n.matches()) {
                        problems.append(simpleName).append(": declares apiVersion and kind but is no kind; add its ")
                                .append("package to NON_KIND_DOCUMENTS\n");
                        continue;
                    }
                    String file = n.group(3).toLowerCase(Locale.ROOT) + "-" + ("core".equals(pkg) ? "" : pkg + "-")
                            + n.group(2).toLowerCase(Locale.ROOT);
                    documents.putIfAbsent(file, simpleName);
                }
                types.put(simpleName, type);
            }
        }
        if (problems.length() > 0) {
            throw new IllegalStateException("cannot derive schemas from " + jarPath + ":\n" + problems);
        }
        Map<String, Object> root = new TreeMap<>();
        root.put("kubernetesVersion", version);
        root.put("source", coordinates);
        root.put("types", types);
        root.put("documents", documents);
        StringBuilder json = new StringBuilder();
        Json.write(root, json);
        return json.toString();
    }

    /** The API group of a kind: from its class-name prefix, an override, or the one API group whose API uses it. */
    private static String groupOf(String simpleName, String prefix, String version, Set<String> apis,
                                  StringBuilder problems) {
        if (GROUP_OVERRIDES.containsKey(simpleName)) {
            return GROUP_OVERRIDES.get(simpleName);
        }
        Set<String> groups = new TreeSet<>();
        if (apis != null) {
            for (String gv : apis) {
                int slash = gv.lastIndexOf('/');
                String g = slash < 0 ? "" : gv.substring(0, slash);
                String v = gv.substring(slash + 1);
                if (!v.equals(version)) {
                    continue;
                }
                if (prefix == null || packageOf(g).equals(prefix.toLowerCase(Locale.ROOT))) {
                    groups.add(g);
                }
            }
        }
        if (groups.size() != 1) {
            problems.append(simpleName).append(": API group not determined (used by ").append(apis)
                    .append("); add it to GROUP_OVERRIDES\n");
            return null;
        }
        return groups.iterator().next();
    }

    /** The Go package (openapi2jsonschema's file-name group) of an API group. */
    static String packageOf(String group) {
        if (group.isEmpty()) {
            return "core";
        }
        if (group.equals("internal.apiserver.k8s.io")) {
            return "apiserverinternal";
        }
        int dot = group.indexOf('.');
        return dot < 0 ? group : group.substring(0, dot);
    }

    private static Field staticField(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return Modifier.isStatic(f.getModifiers()) ? f : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String jsonName(Field f) throws IllegalAccessException {
        for (var a : f.getDeclaredAnnotations()) {
            if (a.annotationType().getName().equals("com.google.gson.annotations.SerializedName")) {
                try {
                    return (String) a.annotationType().getMethod("value").invoke(a);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return f.getName();
    }

    private static String typeOf(Type t, String where, StringBuilder problems) {
        if (t instanceof ParameterizedType p) {
            String raw = ((Class<?>) p.getRawType()).getName();
            Type[] args = p.getActualTypeArguments();
            if (raw.equals("java.util.List") || raw.equals("java.util.Set")) {
                return "[]" + typeOf(args[0], where, problems);
            }
            if (raw.equals("java.util.Map") && args[0] == String.class) {
                return "{}" + typeOf(args[1], where, problems);
            }
            problems.append(where).append(": unsupported type ").append(t).append('\n');
            return "any";
        }
        if (!(t instanceof Class<?> c)) {
            problems.append(where).append(": unsupported type ").append(t).append('\n');
            return "any";
        }
        String name = c.getName();
        switch (name) {
            case "java.lang.String", "java.time.OffsetDateTime", "java.time.LocalDate", "[B", "java.util.UUID":
                return "string";
            case "java.lang.Integer", "java.lang.Long":
                return "integer";
            case "java.lang.Boolean":
                return "boolean";
            case "java.lang.Double", "java.lang.Float", "java.math.BigDecimal":
                return "number";
            case "java.lang.Object":
                // runtime.RawExtension and meta.v1.FieldsV1 ({"type": "object"}); apiextensions JSON (no type) is only
                // reachable from the CustomResourceDefinition types, which have no stand-alone schema
                return "object";
            case "io.kubernetes.client.custom.IntOrString":
                return "int-or-string";
            case "io.kubernetes.client.custom.Quantity":
                return "quantity";
            default:
                break;
        }
        if (c.isEnum()) {
            problems.append(where).append(": enum types are not expected in the OpenAPI v2 models\n");
            return "any";
        }
        if (name.startsWith(MODELS.replace('/', '.'))) {
            return "#" + c.getSimpleName();
        }
        problems.append(where).append(": unsupported type ").append(name).append('\n');
        return "any";
    }

    /** Minimal deterministic JSON writer for maps (sorted by the caller), lists and strings. */
    static final class Json {
        private Json() {
        }

        static void write(Object v, StringBuilder out) {
            if (v instanceof Map<?, ?> m) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string((String) e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            } else if (v instanceof List<?> l) {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(l.get(i), out);
                }
                out.append(']');
            } else {
                string(String.valueOf(v), out);
            }
        }

        private static void string(String s, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }
}
