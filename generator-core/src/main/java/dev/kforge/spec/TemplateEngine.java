package dev.kforge.spec;

import dev.kforge.KforgeVersion;

/**
 * jinjava, which renders service templates, is an optional dependency of kforge: a library user who needs no
 * templates does not get its 25 jars. This class names no jinjava type, so it can tell whether jinjava is there
 * before {@link ServiceTemplates} (which cannot even be loaded without it) is touched.
 */
final class TemplateEngine {

    private TemplateEngine() {
    }

    /** Why service templates cannot be rendered here (jinjava is not on the class path), or {@code null}. */
    static String missing() {
        try {
            Class.forName("com.hubspot.jinjava.Jinjava", false, TemplateEngine.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "service templates are rendered by jinjava, an optional dependency of kforge that is not on the "
                    + "class path; add " + KforgeVersion.jinjavaCoordinates() + " to your dependencies (the kforge "
                    + "Maven plugin and command line have it)";
        }
    }
}
