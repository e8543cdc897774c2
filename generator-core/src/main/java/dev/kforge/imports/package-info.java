/**
 * Reading workloads that other tools generated for an application — Dekorate's
 * {@code META-INF/dekorate/kubernetes.yml}, JKube's {@code META-INF/jkube/kubernetes.yml} — as the starting point
 * of a kforge service: {@link dev.kforge.imports.ManifestImport}.
 */
package dev.kforge.imports;
