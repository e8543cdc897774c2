package dev.kforge.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the findings of one run of rules go: each located at the file and line its object was read from, and left
 * out when its rule is suppressed for the object's service ({@code app.kubernetes.io/name}). Shared by the
 * best-practice rules ({@link PolicyRules}) and the readiness rules ({@code dev.kforge.validate.readiness}), so a
 * suppression means the same in both.
 */
public final class Findings {

    /** The label that names an object's service, which suppressions are given for. */
    public static final String SERVICE_LABEL = "app.kubernetes.io/name";

    private final Map<Map<String, Object>, PolicyRules.Source> sources = new IdentityHashMap<>();
    private final Set<String> off = new HashSet<>();
    private final List<ValidationProblem> problems = new ArrayList<>();

    /**
     * @param objects      the objects checked
     * @param sources      where each was read, index for index
     * @param suppressions rules turned off per service
     */
    public Findings(List<Map<String, Object>> objects, List<PolicyRules.Source> sources,
                    List<PolicyRules.Suppression> suppressions) {
        if (objects.size() != sources.size()) {
            throw new IllegalArgumentException(objects.size() + " objects but " + sources.size() + " sources");
        }
        for (int i = 0; i < objects.size(); i++) {
            this.sources.put(objects.get(i), sources.get(i));
        }
        suppressions.forEach(s -> off.add(s.service() + "/" + s.rule()));
    }

    /**
     * Reports that {@code object} breaks {@code rule} at {@code path} ({@code ""} for the whole object), unless the
     * rule is suppressed for the object's service.
     */
    public void report(PolicyRules.Rule rule, Map<String, Object> object, String path, String message) {
        if (suppressed(rule, object)) {
            return;
        }
        PolicyRules.Source at = source(object);
        problems.add(new ValidationProblem(at.file(), at.line(), ObjectTrees.kind(object),
                ObjectTrees.name(object), path, message, rule.id(), rule.severity()));
    }

    /** Reports a finding about something that is no object of the set (a namespace), located at {@code at}. */
    public void report(PolicyRules.Rule rule, PolicyRules.Source at, String kind, String name, String path,
                       String message) {
        problems.add(new ValidationProblem(at.file(), at.line(), kind, name, path, message, rule.id(),
                rule.severity()));
    }

    /** Whether {@code rule} is suppressed for the service {@code object} belongs to. */
    public boolean suppressed(PolicyRules.Rule rule, Map<String, Object> object) {
        return off.contains(ObjectTrees.text(object, "metadata", "labels", SERVICE_LABEL) + "/" + rule.id());
    }

    /** Where {@code object} was read. */
    public PolicyRules.Source source(Map<String, Object> object) {
        PolicyRules.Source at = sources.get(object);
        if (at == null) {
            throw new IllegalArgumentException("not an object of this run: " + ObjectTrees.kind(object) + "/"
                    + ObjectTrees.name(object));
        }
        return at;
    }

    /** Everything reported so far, in order. */
    public List<ValidationProblem> problems() {
        return List.copyOf(problems);
    }
}
