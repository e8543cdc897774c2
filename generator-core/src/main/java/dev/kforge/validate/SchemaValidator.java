package dev.kforge.validate;

import dev.kforge.KforgeException;
import dev.kforge.api.Problem;
import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks Kubernetes manifests against the official API definitions of one Kubernetes version, offline, with the
 * verdict of {@code kubeconform -strict} on the official JSON schemas of that version: unknown fields at any depth,
 * missing required fields, wrong types, an apiVersion that does not serve the kind, unknown kinds. Custom resources
 * are checked against their CustomResourceDefinitions: kforge's own (cert-manager, prometheus-operator,
 * external-secrets, Argo CD) and any added with {@link #withCustomResourceDefinitions(List)}.
 *
 * <p>Every problem of a run is reported, each as {@code file:line: Kind/name: .spec.path: message}; nothing throws
 * for bad input, however hostile. Instances are immutable and thread-safe; the schemas of a version are loaded once
 * per JVM. The rules, and where kforge knowingly differs from kubeconform, are in {@code docs/validation.md}.
 */
public final class SchemaValidator {

    /** The Kubernetes version validated against when none is chosen. */
    public static final String DEFAULT_KUBERNETES_VERSION = "1.32";
    /** The Kubernetes versions whose schemas ship with kforge. */
    public static final List<String> KUBERNETES_VERSIONS = dev.kforge.api.Platform.KUBERNETES_VERSIONS;

    private static final Map<String, K8sSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final CustomResources BUILT_IN_CRDS = CustomResources.builtIn();

    private final K8sSchema schema;
    /** The built-in CRDs, each loaded when first needed, and those added. */
    private final CustomResources crds;

    private SchemaValidator(K8sSchema schema, CustomResources crds) {
        this.schema = schema;
        this.crds = crds;
    }

    /**
     * A validator for Kubernetes {@code kubernetesVersion} ({@code "1.32"}; {@code "v1.32"} and {@code "1.32.4"} mean
     * the same), or for {@link #DEFAULT_KUBERNETES_VERSION} when it is {@code null}.
     *
     * @throws KforgeException for a version whose schemas kforge does not have; the message lists those it has
     */
    public static SchemaValidator forVersion(String kubernetesVersion) {
        String version = normalize(kubernetesVersion == null ? DEFAULT_KUBERNETES_VERSION : kubernetesVersion);
        if (version == null || !KUBERNETES_VERSIONS.contains(version)) {
            throw new KforgeException("kforge has no schemas for Kubernetes version '"
                    + GoYaml.printable(String.valueOf(kubernetesVersion)) + "'; choose one of "
                    + String.join(", ", KUBERNETES_VERSIONS) + " (default " + DEFAULT_KUBERNETES_VERSION + ")",
                    List.of());
        }
        K8sSchema s = SCHEMAS.computeIfAbsent(version, v -> {
            try {
                K8sSchema loaded = K8sSchema.load(v);
                if (loaded == null) {
                    throw new KforgeException("the schemas of Kubernetes " + v + " are missing from the kforge jar; "
                            + "it was built without them (see generator-core/pom.xml)", List.of());
                }
                return loaded;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new SchemaValidator(s, BUILT_IN_CRDS);
    }

    private static String normalize(String v) {
        String s = v.trim();
        if (s.startsWith("v")) {
            s = s.substring(1);
        }
        String[] parts = s.split("\\.");
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        for (String p : parts) {
            if (p.isEmpty() || !p.chars().allMatch(Character::isDigit) || p.length() > 4) {
                return null;
            }
        }
        return Integer.parseInt(parts[0]) + "." + Integer.parseInt(parts[1]);
    }

    /** The Kubernetes version validated against, {@code "1.32"}. */
    public String kubernetesVersion() {
        return schema.kubernetesVersion;
    }

    /** Where this version's schemas come from (Maven coordinates of the official Java client release). */
    public String schemaSource() {
        return schema.source;
    }

    /**
     * This validator, also knowing the custom resources of the given {@code apiextensions.k8s.io/v1}
     * CustomResourceDefinition files (each text may hold several documents, or a List of them).
     *
     * @throws KforgeException listing every CRD that cannot be used
     */
    public SchemaValidator withCustomResourceDefinitions(List<String> crdYamlTexts) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < crdYamlTexts.size(); i++) {
            labels.add("crd[" + i + "]");
        }
        return withCustomResourceDefinitions(crdYamlTexts, labels);
    }

    private SchemaValidator withCustomResourceDefinitions(List<String> crdYamlTexts, List<String> labels) {
        List<Problem> problems = new ArrayList<>();
        CustomResources more = crds.plus(crdYamlTexts, labels, problems);
        if (!problems.isEmpty()) {
            throw new KforgeException(problems.size() + " problem(s) in the CustomResourceDefinitions", problems);
        }
        return new SchemaValidator(schema, more);
    }

    /**
     * This validator, also knowing the custom resources of the CustomResourceDefinitions in {@code files}; their
     * problems are reported at the file and line.
     *
     * @throws KforgeException naming a file that cannot be read, or listing every CRD that cannot be used
     */
    public SchemaValidator withCustomResourceDefinitionFiles(List<java.nio.file.Path> files) {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (java.nio.file.Path file : files) {
            try {
                texts.add(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
                labels.add(file.toString());
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new KforgeException("cannot read the CustomResourceDefinition file " + file + " ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
        }
        return withCustomResourceDefinitions(texts, labels);
    }

    /** Validates every document of a YAML text (a file's content); {@code fileName} labels the problems. */
    public List<ValidationProblem> validate(String fileName, String yamlText) {
        return validate(fileName, yamlText, null);
    }

    /** Like {@link #validate(String, String)}, adding each document it read to {@code documents} when not null. */
    private List<ValidationProblem> validate(String fileName, String yamlText, List<GoYaml.Document> documents) {
        List<ValidationProblem> out = new ArrayList<>();
        if (yamlText.length() > GoYaml.MAX_CHARS) {
            out.add(problem(fileName, 1, null, null, "", "is larger than " + GoYaml.MAX_CHARS
                    + " characters; kforge does not read manifests this large"));
            return out;
        }
        for (GoYaml.Chunk chunk : GoYaml.split(yamlText)) {
            if (chunk.text().isEmpty()) {
                continue;
            }
            GoYaml.Document doc = GoYaml.read(chunk);
            document(doc, fileName, out);
            if (documents != null) {
                documents.add(doc);
            }
        }
        return out;
    }

    /**
     * Validates the manifests kforge generated: every {@code .yaml}/{@code .yml} file under {@code kustomize/},
     * except the {@code kustomization.yaml} files and the RFC 6902 patches of the overlays ({@code patches/}). The
     * objects overlays add as whole files are validated like the base's.
     */
    public List<ValidationProblem> validate(FileTree tree) {
        List<ValidationProblem> out = new ArrayList<>();
        tree.files().forEach((path, bytes) -> {
            if (!isManifest(path)) {
                return;
            }
            out.addAll(validate(path, bytes));
        });
        return out;
    }

    /**
     * Validates every document of a file's content, which must be UTF-8 text (as kubectl and kubeconform read it);
     * {@code fileName} labels the problems.
     */
    public List<ValidationProblem> validate(String fileName, byte[] content) {
        return validate(fileName, content, null);
    }

    /**
     * Like {@link #validate(String, byte[])}, adding each document it read to {@code documents} when not null: what
     * the policy rules then look at, without reading the file twice.
     */
    List<ValidationProblem> validate(String fileName, byte[] content, List<GoYaml.Document> documents) {
        dev.kforge.spec.Utf8Text decoded = dev.kforge.spec.Utf8Text.decode(content);
        if (decoded.text() == null) {
            return List.of(problem(fileName, decoded.line(), null, null, "", decoded.error()));
        }
        return validate(fileName, decoded.text(), documents);
    }

    /** Whether {@link #validate(FileTree)} checks the file at {@code path}. */
    static boolean isManifest(String path) {
        if (!path.startsWith("kustomize/") || !(path.endsWith(".yaml") || path.endsWith(".yml"))) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals("kustomization.yaml") || name.equals("kustomization.yml") || name.equals("Kustomization")) {
            return false;
        }
        return !path.contains("/patches/");
    }

    /** Validates one object given as a tree of maps, lists and scalars; problems are reported at {@code line}. */
    public List<ValidationProblem> validate(Map<String, Object> object, String file, int line) {
        List<ValidationProblem> out = new ArrayList<>();
        GoYaml.Document doc = new GoYaml.Document(object, null, 0, null, 0, new java.util.IdentityHashMap<>(), line);
        document(doc, file, out);
        return out;
    }

    // -- one document

    private void document(GoYaml.Document doc, String file, List<ValidationProblem> out) {
        if (doc.error != null) {
            out.add(problem(file, doc.errorLine, null, null, "", doc.error));
            return;
        }
        Object root = doc.root;
        if (root == null) {
            return; // an empty document, as kubeconform skips it
        }
        if (!(root instanceof Map<?, ?> map)) {
            out.add(problem(file, doc.line, null, null, "", "is not a Kubernetes object: expected a map, got "
                    + K8sSchema.jsonType(root)));
            return;
        }
        if (isList(map)) {
            if (items(map) instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    int itemLine = lineOr(doc.lineOf(list, i), doc.line);
                    if (item == null) {
                        continue;
                    }
                    if (!(item instanceof Map<?, ?> itemMap)) {
                        out.add(problem(file, itemLine, null, null, "", "is not a Kubernetes object: expected a map, got "
                                + K8sSchema.jsonType(item)));
                        continue;
                    }
                    object(itemMap, doc, itemLine, file, out);
                }
            }
            return;
        }
        if (doc.duplicate != null) {
            out.add(problem(file, doc.duplicateLine, stringOrNull(map.get("kind")), name(map), "",
                    "the key \"" + GoYaml.printable(doc.duplicate) + "\" is set twice in one map"));
            return;
        }
        object(map, doc, doc.line, file, out);
    }

    /** A {@code List}'s items, found as kubeconform finds them (the key in any case); the last such key wins. */
    static Object items(Map<?, ?> list) {
        Object items = null;
        for (Map.Entry<?, ?> e : list.entrySet()) {
            if ("items".equalsIgnoreCase(String.valueOf(e.getKey()))) {
                items = e.getValue();
            }
        }
        return items;
    }

    /** kubeconform expands a document whose kind is List (any case) and has an apiVersion into its items. */
    static boolean isList(Map<?, ?> m) {
        if (!(signatureField(m, "kind") instanceof String kind) || !kind.equalsIgnoreCase("list")) {
            return false;
        }
        Object apiVersion = signatureField(m, "apiVersion");
        boolean hasVersion = apiVersion instanceof String s ? !s.isEmpty()
                : apiVersion instanceof Number || apiVersion instanceof Boolean;
        return hasVersion && unreadableSignature(m) == null;
    }

    /**
     * Before anything else kubeconform reads a document's apiVersion, kind and metadata's name, namespace and
     * generateName into text (Go strings; keys matched in any case, numbers and booleans turned into text). A map or
     * list in one of those places, or a metadata that is not a map, fails there ("error while parsing") — also for a
     * custom resource whose schema would accept it. Returns the path and the problem, or null.
     */
    static Walk.Issue unreadableSignature(Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            String lower = key.toLowerCase(Locale.ROOT);
            Object value = e.getValue();
            if ((lower.equals("apiversion") || lower.equals("kind")) && isCollection(value)) {
                return new Walk.Issue(List.of(key), "must be a string, not " + K8sSchema.jsonType(value));
            }
            if (!lower.equals("metadata") || value == null) {
                continue;
            }
            if (!(value instanceof Map<?, ?> metadata)) {
                return new Walk.Issue(List.of(key), "must be a map, not " + K8sSchema.jsonType(value));
            }
            for (Map.Entry<?, ?> f : metadata.entrySet()) {
                String field = String.valueOf(f.getKey()).toLowerCase(Locale.ROOT);
                if ((field.equals("name") || field.equals("namespace") || field.equals("generatename"))
                        && isCollection(f.getValue())) {
                    return new Walk.Issue(List.of(key, String.valueOf(f.getKey())),
                            "must be a string, not " + K8sSchema.jsonType(f.getValue()));
                }
            }
        }
        return null;
    }

    /**
     * The value kubeconform reads for a document's {@code kind} or {@code apiVersion}: Go's JSON decoding matches
     * keys in any case, and of several that match, the one that sorts last (keys are written sorted) wins.
     */
    static Object signatureField(Map<?, ?> m, String name) {
        String winner = null;
        Object value = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equalsIgnoreCase(name) && (winner == null || key.compareTo(winner) > 0)) {
                winner = key;
                value = e.getValue();
            }
        }
        return value;
    }

    private static boolean isCollection(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?>;
    }

    private void object(Map<?, ?> m, GoYaml.Document doc, int line, String file, List<ValidationProblem> out) {
        Object kindValue = signatureField(m, "kind");
        Object apiVersionValue = signatureField(m, "apiVersion");
        String kind = stringOrNull(kindValue);
        String name = name(m);
        Walk.Issue unreadable = unreadableSignature(m);
        if (unreadable != null) {
            out.add(problem(file, lineOf(doc, m, line, unreadable.path()), kind, name,
                    Walk.render(unreadable.path()), unreadable.message()));
            return;
        }
        if (kind == null || kind.isEmpty()) {
            out.add(problem(file, line, null, name, "", kindValue == null || "".equals(kindValue)
                    ? "has no kind" : "kind must be a string, not " + K8sSchema.jsonType(kindValue)));
            return;
        }
        String apiVersion = stringOrNull(apiVersionValue);
        if (apiVersion == null || apiVersion.isEmpty()) {
            out.add(problem(file, line, kind, name, "", apiVersionValue == null || "".equals(apiVersionValue)
                    ? "has no apiVersion" : "apiVersion must be a string, not " + K8sSchema.jsonType(apiVersionValue)));
            return;
        }
        Walk walk = new Walk();
        K8sSchema.TypeDef def = schema.documents.get(K8sSchema.fileName(kind, apiVersion));
        if (def != null) {
            walk.object(m, def);
        } else {
            Object crd = crds.schemaFor(apiVersion, kind);
            if (crd == null) {
                out.add(problem(file, line, kind, name, "", unknownKind(kind, apiVersion)));
                return;
            }
            JsonSchema.validate(m, crd, walk);
        }
        for (Walk.Issue issue : walk.issues) {
            out.add(problem(file, lineOf(doc, m, line, issue.path()), kind, name, Walk.render(issue.path()),
                    issue.message()));
        }
    }

    private String unknownKind(String kind, String apiVersion) {
        String prefix = kind.toLowerCase(Locale.ROOT) + "-";
        TreeSet<String> servedBy = new TreeSet<>();
        schema.documents.forEach((file, def) -> {
            if (file.startsWith(prefix) && def.kind != null && def.kind.equals(kind)) {
                servedBy.add(def.apiVersion);
            }
        });
        String base = "no schema for kind " + kind + " in apiVersion " + GoYaml.printable(apiVersion)
                + " in Kubernetes " + schema.kubernetesVersion;
        if (!servedBy.isEmpty()) {
            return base + "; " + kind + " is served as " + String.join(", ", servedBy);
        }
        java.util.SortedSet<String> custom = crds.apiVersionsOf(kind);
        if (!custom.isEmpty()) {
            return base + "; the CustomResourceDefinitions kforge knows define " + kind + " in "
                    + String.join(", ", custom);
        }
        return base + "; is it a custom resource? add its CustomResourceDefinition";
    }

    private static int lineOf(GoYaml.Document doc, Object root, int line, List<Object> path) {
        Object container = root;
        int result = line;
        for (Object segment : path) {
            int l = doc.lineOf(container, segment);
            if (l > 0) {
                result = l;
            }
            if (container instanceof Map<?, ?> m) {
                container = m.get(segment);
            } else if (container instanceof List<?> list && segment instanceof Integer i && i < list.size()) {
                container = list.get(i);
            } else {
                break;
            }
        }
        return result;
    }

    private static int lineOr(int line, int fallback) {
        return line > 0 ? line : fallback;
    }

    private static String stringOrNull(Object v) {
        return v instanceof String s ? s : null;
    }

    private static String name(Map<?, ?> m) {
        if (m.get("metadata") instanceof Map<?, ?> md) {
            if (md.get("name") instanceof String n) {
                return n;
            }
            if (md.get("generateName") instanceof String g) {
                return g + "*";
            }
        }
        return null;
    }

    private static ValidationProblem problem(String file, int line, String kind, String name, String path,
                                             String message) {
        return new ValidationProblem(file, line, kind == null ? null : GoYaml.printable(kind),
                name == null ? null : GoYaml.printable(name), path, message, null, Severity.ERROR);
    }
}
