/**
 * The kforge Maven plugin (goal prefix {@code k8s}): {@code k8s:generate} turns the project's kforge spec file
 * into its Kustomize and Helm output during {@code generate-resources}; {@code k8s:help} describes the goals.
 */
package dev.kforge.maven;
