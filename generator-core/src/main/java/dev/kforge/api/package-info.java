/**
 * The kforge model: immutable values that check themselves when built. {@link dev.kforge.api.Platform} is the
 * root. Problems are reported as {@link dev.kforge.api.ModelException} with a {@link dev.kforge.api.Problem} per
 * defect, each naming its path in the model. No Maven or file-system types appear here.
 */
package dev.kforge.api;
