package dev.kforge.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One imported service while it is being built: its spec section (keys in any order; {@link SpecTree} orders them),
 * the config files beside the spec it names, what of the input it could not express, and how other services reach
 * it (the Kubernetes Service names and ports of the input), for dependencies.
 */
final class Draft {

    final String name;
    final ManifestObjects.Entry workload;
    final Map<String, Object> spec = new LinkedHashMap<>();
    /** Path beside the spec to content. */
    final Map<String, String> files = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** Kubernetes Service name of the input to the port numbers it offers. */
    final Map<String, List<Integer>> addresses = new LinkedHashMap<>();
    /** Container port number to the name the service gives it. */
    final Map<Integer, String> portNames = new LinkedHashMap<>();
    /** Service port number (what callers and Ingresses use) to the port's name. */
    final Map<Integer, String> servicePortNames = new LinkedHashMap<>();

    Draft(String name, ManifestObjects.Entry workload) {
        this.name = name;
        this.workload = workload;
    }

    /** Records what of the input is not carried over, or changed, and why. */
    void note(String text) {
        notes.add(name + ": " + text);
    }

    /** The map under {@code key} of the spec, made when missing. */
    @SuppressWarnings("unchecked")
    Map<String, Object> section(String key) {
        return (Map<String, Object>) spec.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }
}
