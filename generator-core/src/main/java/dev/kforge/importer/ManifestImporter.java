package dev.kforge.importer;

import dev.kforge.api.Checks;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.emit.SpecSchema;
import dev.kforge.spec.SpecReader;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.kforge.importer.ContainerSpec.map;
import static dev.kforge.importer.ContainerSpec.putIf;

/**
 * Turns existing Kubernetes manifests into a kforge spec: {@code k8s:import}.
 *
 * <p>Each workload — a {@code Deployment} or {@code StatefulSet} ({@code apps/v1}) or a {@code CronJob}
 * ({@code batch/v1}) — becomes a service, with the input's objects that belong to it folded in: the Services
 * selecting its pods (ports, service ports, type), the HorizontalPodAutoscaler scaling it ({@code autoscaling/v2}),
 * the PodDisruptionBudget selecting it ({@code policy/v1}), the Ingresses routing to it ({@code networking.k8s.io/v1}),
 * the ConfigMaps it reads (mounted ones become config files beside the spec, keys it reads become values), its
 * ServiceAccount and the rules of the Roles bound to it ({@link RbacImport}). Its containers are read as
 * {@code fromManifests} reads them ({@link dev.kforge.imports.ContainerImport}).
 * Dependencies come from {@code host:port} values naming another imported Service. The platform gets the
 * environments dev, staging and prod on the built-in profiles; the imported values are the base.
 *
 * <p>Nothing is dropped silently: what kforge cannot express the input's way, and every object that is not carried
 * over (Secrets, whose values never go into a spec; NetworkPolicies, which kforge makes from the dependencies; Jobs,
 * DaemonSets, ...), is a note, printed by the caller and written at the top of the spec. Rules of kforge's policy
 * that the imported services do not meet are suppressed in the spec per service, with what was found as the
 * reason, so that the spec generates with no edit. The spec is read back before it is returned; if the model refuses
 * something of the input (an unpinned image, a secret value in a variable), the result lists those problems, which
 * the user must fix before generating.
 *
 * <p>Limits: one main container per workload (the one named like it, else the first); one ConfigMap of its own per
 * service; one Kubernetes Service per service (a second one is merged into it).
 */
public final class ManifestImporter {

    /** The workload kinds that become services. */
    public static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet", "CronJob");

    private ManifestImporter() {
    }

    /**
     * One manifest file's text.
     *
     * @param source how notes name it (a path relative to the project)
     * @param text   its YAML: one or more documents
     */
    public record Manifest(String source, String text) {
        public Manifest {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * What an import made.
     *
     * @param spec     the spec's text
     * @param files    files to write beside the spec, path relative to its folder to content: the config files it
     *                 names and {@value SpecSchema#PLATFORM_FILE}, the schema its first line names for editors
     * @param services the services, in the order of the input
     * @param notes    what was not carried over or changed, one line each (also at the top of the spec)
     * @param problems what the model refuses in the spec as imported; empty when it generates with no edit
     */
    public record Result(String spec, Map<String, String> files, List<String> services, List<String> notes,
                         List<Problem> problems) {
    }

    /**
     * Imports {@code manifests}.
     *
     * @param platformName the platform's name (DNS-1123 label of at most 40 characters)
     * @param from         what the manifests are, for the spec's header ({@code k8s/, extra.yaml})
     * @throws ModelException if a manifest is not YAML of Kubernetes objects, or there is no workload to import
     */
    public static Result importManifests(String platformName, String from, List<Manifest> manifests) {
        ManifestObjects objects = ManifestObjects.read(manifests);
        Set<ManifestObjects.Entry> used = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> notes = new ArrayList<>();
        List<Draft> drafts = new ArrayList<>();
        Map<String, Draft> byAddress = new LinkedHashMap<>();
        for (ManifestObjects.Entry e : objects.all()) {
            if (!isWorkload(e)) {
                continue;
            }
            Draft d = workload(objects, e, drafts, used);
            drafts.add(d);
            d.addresses.keySet().forEach(a -> byAddress.putIfAbsent(a, d));
        }
        if (drafts.isEmpty()) {
            throw new ModelException(List.of(Problem.at("", "the manifests (" + Checks.oneLine(from) + ") hold no "
                    + "Deployment, StatefulSet (apps/v1) or CronJob (batch/v1); there is nothing to import")));
        }
        IngressImport.fold(objects, byAddress, used, notes);
        Dependencies.infer(drafts, byAddress, objects.namespaces());
        leftovers(objects, used, notes);
        drafts.forEach(d -> notes.addAll(d.notes));

        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("name", platformName);
        List<String> namespaces = objects.namespaces();
        if (namespaces.size() == 1 && !namespaces.get(0).equals(platformName)) {
            platform.put("namespace", namespaces.get(0));
        } else if (namespaces.size() > 1) {
            notes.add(0, "the manifests name the namespaces " + namespaces + "; kforge puts a platform in one, "
                    + (namespaces.contains(platformName) ? platformName : namespaces.get(0)));
            if (!namespaces.contains(platformName)) {
                platform.put("namespace", namespaces.get(0));
            }
        }
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (Draft d : drafts) {
            services.put(d.name, d.spec);
            origins.put(d.name, "from " + d.workload.describe());
            files.putAll(d.files);
        }
        Map<String, Object> environments = new LinkedHashMap<>();
        for (String env : List.of("dev", "staging", "prod")) {
            environments.put(env, map("profile", env));
        }
        Map<String, Object> prerequisites = Prerequisites.of(drafts, objects);
        SpecText.Parts parts = new SpecText.Parts(platform, services, origins, environments, Map.of(),
                prerequisites);
        List<Problem> problems = new ArrayList<>();
        try {
            Platform model = SpecReader.read("platform.yaml", SpecText.write(inline(parts, files), from, List.of()));
            Map<String, Object> suppress = Findings.of(model);
            parts = new SpecText.Parts(platform, services, origins, environments, suppress, prerequisites);
            // read again with the suppressions, as k8s:generate will
            SpecReader.read("platform.yaml", SpecText.write(inline(parts, files), from, List.of()));
        } catch (ModelException e) {
            problems.addAll(e.problems());
        }
        List<String> header = new ArrayList<>(notes);
        problems.forEach(p -> header.add("TO FIX before k8s:generate: " + p));
        files.put(SpecSchema.PLATFORM_FILE, SpecSchema.platform());
        return new Result(SpecText.write(parts, from, header), files, List.copyOf(services.keySet()),
                List.copyOf(notes), List.copyOf(problems));
    }

    /**
     * A platform name made of {@code text} (a folder's or project's name): lower case, runs of anything but letters
     * and digits as one {@code -}, at most 40 characters; {@code platform} when nothing is left.
     */
    public static String platformName(String text) {
        String name = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        name = name.length() > 40 ? name.substring(0, 40) : name;
        name = name.replaceAll("^[-0-9]+|-+$", "");
        return name.isEmpty() ? "platform" : name;
    }

    private static boolean isWorkload(ManifestObjects.Entry e) {
        return (e.kind().equals("Deployment") || e.kind().equals("StatefulSet")) && e.apiVersion().equals("apps/v1")
                || e.kind().equals("CronJob") && e.apiVersion().equals("batch/v1");
    }

    private static Draft workload(ManifestObjects objects, ManifestObjects.Entry e, List<Draft> drafts,
                                  Set<ManifestObjects.Entry> used) {
        used.add(e);
        PodTemplateSpec template;
        Integer replicas = null;
        List<PersistentVolumeClaim> claims = List.of();
        Map<String, Object> schedule = null;
        switch (e.kind()) {
            case "Deployment" -> {
                Deployment w = e.as(Deployment.class);
                template = w.getSpec() == null ? null : w.getSpec().getTemplate();
                replicas = w.getSpec() == null ? null : w.getSpec().getReplicas();
            }
            case "StatefulSet" -> {
                StatefulSet w = e.as(StatefulSet.class);
                template = w.getSpec() == null ? null : w.getSpec().getTemplate();
                replicas = w.getSpec() == null ? null : w.getSpec().getReplicas();
                claims = w.getSpec() == null ? List.of() : PodImport.nonNull(w.getSpec().getVolumeClaimTemplates());
            }
            default -> {
                CronJob w = e.as(CronJob.class);
                var spec = w.getSpec();
                var job = spec == null || spec.getJobTemplate() == null ? null : spec.getJobTemplate().getSpec();
                template = job == null ? null : job.getTemplate();
                schedule = spec == null ? null : map("cron", spec.getSchedule(), "timeZone", spec.getTimeZone(),
                        "concurrencyPolicy", spec.getConcurrencyPolicy(), "startingDeadlineSeconds",
                        spec.getStartingDeadlineSeconds(), "activeDeadlineSeconds",
                        job == null ? null : job.getActiveDeadlineSeconds(), "backoffLimit",
                        job == null ? null : job.getBackoffLimit(), "successfulJobsHistoryLimit",
                        spec.getSuccessfulJobsHistoryLimit(), "failedJobsHistoryLimit",
                        spec.getFailedJobsHistoryLimit(), "suspend", Boolean.TRUE.equals(spec.getSuspend()) ? true
                                : null);
            }
        }
        Map<String, String> labels = template == null || template.getMetadata() == null ? Map.of()
                : PodImport.nonNullMap(template.getMetadata().getLabels());
        List<ManifestObjects.Entry> services = e.kind().equals("CronJob") ? List.of()
                : ServiceLinks.selecting(objects, labels);
        used.addAll(services);
        Draft d = new Draft(name(e, services, drafts), e);
        PodImport pod = new PodImport(objects, d, used);
        pod.read(template, claims);
        RbacImport.fold(objects, d, template == null || template.getSpec() == null ? null
                : template.getSpec().getServiceAccountName(), used);
        boolean stateful = e.kind().equals("StatefulSet") && d.spec.containsKey("storage");
        String kind = e.kind().equals("CronJob") ? "scheduled-job" : stateful ? "stateful-service"
                : services.stream().anyMatch(s -> !ServiceLinks.headless(s)) ? "web-service" : "worker";
        if (e.kind().equals("StatefulSet") && !stateful) {
            d.note("a StatefulSet without volume claim templates becomes a Deployment (kforge's stateful services "
                    + "have storage)");
        }
        d.spec.put("kind", kind);
        ServiceLinks.fold(d, services, pod.ports, stateful ? d.name + "-headless" : null);
        if (kind.equals("worker") && d.spec.containsKey("ports")) {
            d.note("has container ports but no Service; kforge gives its ports a Service");
        }
        if (Scaling.autoscaling(objects, d, used) == null && replicas != null && replicas != 1) {
            d.spec.put("replicas", replicas);
        }
        if (!kind.equals("scheduled-job")) {
            Scaling.disruptionBudget(objects, d, labels, used);
        }
        putIf(d.spec, "schedule", schedule);
        if (!d.spec.containsKey("resources")) {
            d.spec.put("tier", "small");
            d.note("sets no requests and limits kforge can take; sized by the built-in tier small");
        }
        return d;
    }

    /**
     * The service's name: the workload's, or the one Service's selecting it when that is named otherwise (its
     * clients call that name); made unique among the services.
     */
    private static String name(ManifestObjects.Entry e, List<ManifestObjects.Entry> services, List<Draft> drafts) {
        List<ManifestObjects.Entry> clusterServices = services.stream().filter(s -> !ServiceLinks.headless(s))
                .toList();
        String name = e.name();
        if (clusterServices.stream().noneMatch(s -> s.name().equals(e.name())) && clusterServices.size() == 1) {
            name = clusterServices.get(0).name();
        }
        String candidate = name;
        for (int i = 2; taken(candidate, drafts); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    private static boolean taken(String name, List<Draft> drafts) {
        return drafts.stream().anyMatch(d -> d.name.equals(name));
    }

    /** Every object no service took, noted with why. */
    private static void leftovers(ManifestObjects objects, Set<ManifestObjects.Entry> used, List<String> notes) {
        for (ManifestObjects.Entry e : objects.all()) {
            if (used.contains(e)) {
                continue;
            }
            String why = switch (e.kind()) {
                case "Namespace" -> "the platform's namespace is a setting (platform.namespace)";
                case "Secret" -> "secret values never go into a spec; create the Secret outside kforge, or declare "
                        + "it under secrets: as an ExternalSecret";
                case "NetworkPolicy" -> "kforge makes the NetworkPolicies from the services' dependencies";
                case "ServiceAccount" -> "kforge gives each service a ServiceAccount of its own";
                case "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding" ->
                        "RBAC is a service's rbac: rules; write the rules there";
                case "Job", "DaemonSet", "ReplicaSet", "Pod" -> "kforge's services are Deployments, StatefulSets and "
                        + "CronJobs";
                case "ConfigMap" -> "no imported workload reads it";
                case "Service" -> "it selects no imported workload";
                case "HorizontalPodAutoscaler" -> "it scales no imported workload, or is not autoscaling/v2";
                case "PodDisruptionBudget" -> "it selects no imported workload, or is not policy/v1";
                default -> "kforge does not generate this kind";
            };
            notes.add("not carried over: " + e.describe() + ": " + why);
        }
    }

    /** The parts with every config file's content in the spec itself, as the reader reads it from the files. */
    @SuppressWarnings("unchecked")
    private static SpecText.Parts inline(SpecText.Parts parts, Map<String, String> files) {
        Map<String, Object> services = new LinkedHashMap<>();
        parts.services().forEach((name, tree) -> {
            Map<String, Object> service = new LinkedHashMap<>((Map<String, Object>) tree);
            if (service.get("config") instanceof Map<?, ?> config && config.get("fromFiles") instanceof List<?> from) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) config);
                Map<String, Object> inline = new LinkedHashMap<>();
                from.forEach(f -> inline.put(f.toString().substring(f.toString().lastIndexOf('/') + 1),
                        files.get(f.toString())));
                copy.remove("fromFiles");
                copy.put("files", inline);
                service.put("config", copy);
            }
            services.put(name, service);
        });
        return new SpecText.Parts(parts.platform(), services, parts.origins(), parts.environments(),
                parts.suppress(), parts.prerequisites());
    }
}
