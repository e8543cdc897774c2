package dev.kforge.spec;

import dev.kforge.api.Prerequisite;
import dev.kforge.api.TlsSolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spec's {@code prerequisites:} section — what exists before the platform is applied, per kind, name to what
 * provides it — and the choices of {@code tlsSolver}.
 *
 * <pre>
 * prerequisites:
 *   secrets:
 *     postgresql-auth: the postgresql chart's values name it; the database team creates it
 *   configMaps:
 *     feature-flags: the flags service's pipeline
 * </pre>
 */
final class PrerequisiteSpec {

    static final String KEY = "prerequisites";
    static final List<String> KINDS = SpecFormat.PREREQUISITES.names();
    static final Map<String, TlsSolver> TLS_SOLVERS = new java.util.LinkedHashMap<>();

    static {
        for (TlsSolver solver : TlsSolver.values()) {
            TLS_SOLVERS.put(solver.id(), solver);
        }
    }

    private PrerequisiteSpec() {
    }

    /** The prerequisites of {@code top}'s section, each problem reported at its path. */
    static List<Prerequisite> read(Context cx, Fields top) {
        List<Prerequisite> out = new ArrayList<>();
        Fields f = top.map(KEY, "a map of secrets and configMaps, each name to what provides it", KINDS);
        if (f == null) {
            return out;
        }
        for (String kinds : KINDS) {
            String kind = "secrets".equals(kinds) ? "Secret" : "ConfigMap";
            f.textMap(kinds, kind + " name to what provides it").forEach((name, providedBy) -> {
                Prerequisite p = cx.build(f.path(kinds) + "." + name, () -> new Prerequisite(kind, name,
                        providedBy));
                if (p != null) {
                    out.add(p);
                }
            });
        }
        return out;
    }
}
