/**
 * Reading kforge's YAML spec files into the {@link dev.kforge.api} model: {@link dev.kforge.spec.SpecReader}
 * for a platform spec, {@link dev.kforge.spec.EnvironmentProfiles} for environment profiles. Bad input is always
 * reported as one {@link dev.kforge.api.ModelException} listing every problem with its path and file line.
 */
package dev.kforge.spec;
