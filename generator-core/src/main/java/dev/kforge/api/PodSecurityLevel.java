package dev.kforge.api;

import java.util.Locale;

/** A Pod Security Standards level, enforced on a namespace through its labels. */
public enum PodSecurityLevel {
    PRIVILEGED, BASELINE, RESTRICTED;

    /** The label value ({@code restricted}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
