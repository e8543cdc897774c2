/**
 * The kforge Maven plugin (goal prefix {@code k8s}): {@code k8s:generate} turns the project's platform model — a
 * YAML spec file or a class implementing {@code dev.kforge.api.PlatformDefinition} — into its Kustomize output
 * during {@code process-classes}; {@code k8s:verify} checks during {@code verify} that the committed output is
 * up to date; {@code k8s:help} describes the goals. Every parameter has a {@code k8s.*} property.
 */
package dev.kforge.maven;
