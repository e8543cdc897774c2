package dev.kforge.validate;

/** How bad a {@link ValidationProblem} is. Schema violations are always {@link #ERROR}. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /**
     * True if a finding of this severity fails a build that fails on {@code failOn}: {@code error} (errors only),
     * {@code warning} (errors and warnings) or {@code none} (nothing).
     */
    public boolean fails(String failOn) {
        return "warning".equals(failOn) ? this != INFO : "error".equals(failOn) && this == ERROR;
    }
}
