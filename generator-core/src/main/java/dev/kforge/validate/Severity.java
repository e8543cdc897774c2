package dev.kforge.validate;

/** How bad a {@link ValidationProblem} is. Schema violations are always {@link #ERROR}. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
