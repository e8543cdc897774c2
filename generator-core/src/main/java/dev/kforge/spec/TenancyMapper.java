package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import dev.kforge.api.Tenancy;
import dev.kforge.api.Tenant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the multi-tenant part of a spec: the {@code tenancy:} settings, the tenants given inline or in the catalog
 * file, and each tenant's service instances, rendered from the service templates (built-in, and the spec's own in
 * {@code templates/}) and sized by the {@code plans:}. Remembers which tenants lost an instance and whether the
 * catalog failed, so that {@link SpecMapper} can leave out what later checks would only echo.
 */
final class TenancyMapper {

    private static final List<String> TENANCY = SpecFormat.TENANCY.names();
    private static final List<String> TENANT_VARIABLES = SpecFormat.TENANT_VARIABLES.names();
    private static final List<String> PLAN = SpecFormat.PLAN.names();
    private static final List<String> INSTANCE = SpecFormat.INSTANCE.names();

    private final Context cx;
    private final SpecFiles specFiles;
    /** The service templates instances are rendered from, read on first use. */
    private ServiceTemplates templates;
    /** Tenants with an instance that could not be made: "runs nothing" or a missing dependency says nothing new. */
    private final Set<String> failedInstances = new HashSet<>();
    private boolean catalogFailed;

    TenancyMapper(Context cx) {
        this.cx = cx;
        this.specFiles = new SpecFiles(cx);
    }

    /** The tenants with an instance that could not be made. */
    Set<String> failedInstances() {
        return Collections.unmodifiableSet(failedInstances);
    }

    /** Whether the catalog file could not be read or had bad rows. */
    boolean catalogFailed() {
        return catalogFailed;
    }

    /**
     * The {@code tenancy:} settings, or {@code null} when there are none; with problems, an empty tenancy, which
     * still makes the platform multi-tenant.
     */
    Tenancy tenancy(Fields top) {
        Fields f = top.map("tenancy", "a map of tenancy settings (" + String.join(", ", TENANCY) + ")", TENANCY);
        if (f == null || !top.has("tenancy")) {
            return null;
        }
        int before = cx.count();
        String prefix = f.text("namespacePrefix");
        String repoUrl = f.text("repoUrl");
        String repoPath = f.text("repoPath");
        String revision = f.text("revision");
        String argoNamespace = f.text("argoNamespace");
        Fields v = f.map("variables", "a map of tenant field to variable name ("
                + String.join(", ", TENANT_VARIABLES) + ")", TENANT_VARIABLES);
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        if (v != null) {
            TENANT_VARIABLES.forEach(field -> {
                String name = v.text(field);
                if (name != null) {
                    variables.put(field, name);
                }
            });
        }
        Map<String, String> podLabels = f.textMap("podLabels", "label name to a tenant field ("
                + String.join(", ", Tenancy.LABEL_FIELDS) + ")");
        Map<String, String> labels = f.textMap("labels", "label name to a tenant field ("
                + String.join(", ", Tenancy.LABEL_FIELDS) + ")");
        Tenancy tenancy = cx.unless(before, f.path(), () -> new Tenancy(prefix, repoUrl, repoPath, revision,
                argoNamespace, variables, podLabels, labels));
        // a tenancy with problems still makes the platform multi-tenant, so that its tenants are checked and not
        // reported as tenants without a tenancy
        return tenancy != null ? tenancy : new Tenancy(null, null, null, null, null);
    }

    /**
     * The tenants given under {@code tenants:}, each with its service instances (sized by the {@code plans:}), then
     * those of the catalog file {@code tenancy.catalog} names.
     */
    List<Tenant> tenants(Fields top) {
        List<Tenant> tenants = new ArrayList<>();
        Fields inline = top.map("tenants", "a map of tenant id to tenant settings", null);
        if (inline != null) {
            Map<String, Plan> plans = new LinkedHashMap<>();
            top.named("plans", "plan name to cpu (millicores), memory (MiB) and storage (GiB)", this::plan)
                    .forEach(plan -> plans.put(plan.name(), plan));
            tenants.addAll(TenantCatalog.tenants(cx, inline, (tenant, f) -> instances(tenant, f, plans)));
        } else if (top.has("plans")) {
            cx.reportAt("plans", "plans size the instances of tenants: given, but there are no tenants: with "
                    + "instances; remove plans or add tenants");
        }
        tenants.addAll(catalog(top));
        return tenants;
    }

    /** The tenants of the catalog file named by {@code tenancy.catalog}, read relative to the spec file. */
    private List<Tenant> catalog(Fields top) {
        Fields f = top.has("tenancy") ? top.map("tenancy", "a map of tenancy settings", TENANCY) : null;
        String name = f == null ? null : f.text("catalog");
        if (name == null) {
            return List.of();
        }
        Path file = specFiles.catalog(f.path("catalog"), name);
        if (file == null) {
            catalogFailed = true;
            return List.of();
        }
        Context catalogCx = new Context(file.getFileName().toString(), file.getParent());
        String text = YamlText.readFile(catalogCx, file, cx.files());
        List<Tenant> tenants = text == null ? List.of() : TenantCatalog.read(catalogCx, file.getFileName().toString(),
                text);
        cx.addAll(catalogCx.problems());
        cx.markAllExternal(catalogCx);
        catalogFailed = catalogCx.count() > 0;
        return tenants;
    }

    private Plan plan(String name, String path, Node body) {
        Fields f = Fields.of(cx, path, body, "a map of cpu (millicores), memory (MiB) and storage (GiB)", PLAN);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        boolean given = f.require("cpu", "millicores, like 500") & f.require("memory", "MiB, like 1024");
        Integer cpu = f.whole("cpu");
        Integer memory = f.whole("memory");
        Integer storage = f.whole("storage");
        return !given ? null
                : cx.unless(before, path, () -> new Plan(name, cpu, memory, storage == null ? 0 : storage));
    }

    /**
     * A tenant's {@code instances:}, instance title to {@code template}, {@code plan} and {@code params}: each is
     * rendered from its service template and becomes one of the tenant's own services.
     */
    private List<Service> instances(Tenant tenant, Fields tenantFields, Map<String, Plan> plans) {
        Fields list = tenantFields.map("instances", "a map of instance name to template, plan and params", null);
        if (list == null) {
            return List.of();
        }
        List<Service> out = new ArrayList<>();
        Map<String, String> titles = new HashMap<>(); // service name to the title it came from
        for (String title : list.keys()) {
            Fields f = list.map(title, "a map of template, plan and params", INSTANCE);
            if (f == null) {
                continue;
            }
            String noTemplates = TemplateEngine.missing();
            if (noTemplates != null) {
                cx.reportAt(f.path(), noTemplates);
                failedInstances.add(tenant.id());
                continue;
            }
            String same = sameServiceName(titles, title);
            if (same != null) {
                cx.reportAt(f.path(), "becomes the service name '" + ServiceTemplates.serviceName(title)
                        + "', as the instance '" + Checks.printable(same) + "' (" + cx.locate(list.path(same))
                        + ") does; rename one of them");
                failedInstances.add(tenant.id());
                continue;
            }
            int before = cx.count();
            boolean given = f.require("template", "one of " + templates().names())
                    & f.require("plan", "one of " + plans.keySet());
            String template = f.text("template");
            String planName = f.text("plan");
            Map<String, String> params = f.textMap("params", "parameter name to text");
            Plan plan = planName == null ? null : plans.get(planName);
            if (planName != null && plan == null) {
                cx.reportAt(f.path("plan"), "'" + Checks.printable(planName) + "' is not a plan; known: "
                        + plans.keySet() + " (declare it under plans:)");
            }
            if (!given || cx.count() > before) {
                failedInstances.add(tenant.id());
                continue;
            }
            try {
                out.add(templates().instantiate(new ServiceTemplates.Instance(title, template, plan, params),
                        tenant.id(), tenant.domain()));
            } catch (ModelException e) {
                failedInstances.add(tenant.id());
                for (Problem p : e.problems()) {
                    Problem full = p.under(f.path());
                    if (p.location() != null) {
                        cx.addAll(List.of(full));
                    } else {
                        cx.reportAt(full.path(), full.message());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The title of an earlier instance whose DNS-safe service name {@code title} shares, or {@code null} (then
     * {@code title}'s name is remembered); a title that makes no name is left to the template to report.
     */
    private static String sameServiceName(Map<String, String> titles, String title) {
        try {
            return titles.putIfAbsent(ServiceTemplates.serviceName(title), title);
        } catch (ModelException e) {
            return null;
        }
    }

    /** The built-in service templates plus the spec's own in {@code templates/} beside it; read once. */
    private ServiceTemplates templates() {
        if (templates == null) {
            ServiceTemplates builtIn = ServiceTemplates.builtIn();
            try {
                templates = cx.baseDir() == null ? builtIn
                        : builtIn.withDirectory(cx.baseDir(), "templates", cx.files());
            } catch (ModelException e) {
                // reported once, located at the template file; the built-in templates still serve
                cx.addAll(e.problems());
                templates = builtIn;
            }
        }
        return templates;
    }
}
