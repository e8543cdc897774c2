package dev.kforge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of kforge is: its version, and the coordinates of the optional dependencies it was built with,
 * as the build wrote them into the jar ({@code dev/kforge/kforge.properties}).
 */
public final class KforgeVersion {

    private static final Properties PROPERTIES = load();

    private KforgeVersion() {
    }

    /** kforge's version, {@code 0.1.0}. */
    public static String version() {
        return PROPERTIES.getProperty("version");
    }

    /** The Maven coordinates of the jinjava release service templates are rendered with: {@code group:artifact:version}. */
    public static String jinjavaCoordinates() {
        return PROPERTIES.getProperty("jinjava.coordinates");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = KforgeVersion.class.getResourceAsStream("kforge.properties")) {
            if (in == null) {
                throw new IllegalStateException("the kforge jar has no dev/kforge/kforge.properties; it was not built "
                        + "by its Maven build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
