/**
 * {@code k8s:import}: existing Kubernetes manifests turned into a kforge spec, with what cannot be carried over said
 * at its top ({@link dev.kforge.importer.ManifestImporter}). Above the spec reader and the stages it uses to check
 * the result (resolve, objects, validate), below the facade.
 */
package dev.kforge.importer;
