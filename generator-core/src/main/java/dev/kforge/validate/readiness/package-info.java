/**
 * Readiness: would a set of objects run as meant once applied? Rules over all objects of one Kustomize root (or
 * one environment's generated objects, or the files given to {@code k8s:validate}) that look across them —
 * selectors, ports, backends and targets that point at something real, PodDisruptionBudgets that let drains
 * through, NetworkPolicies that admit what the platform needs, volumes and rollouts that fit, quotas that hold the
 * autoscalers' maximum, pods the namespace's Pod Security level admits, references to what exists or is declared
 * to exist beforehand — and the per-object checks kube-linter enables by default that {@code PolicyRules} lacks.
 * {@link dev.kforge.validate.readiness.Readiness} runs them all.
 */
package dev.kforge.validate.readiness;
