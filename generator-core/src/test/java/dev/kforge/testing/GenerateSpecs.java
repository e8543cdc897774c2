package dev.kforge.testing;

import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A build in another JVM: generates each spec given into a folder of its own, numbered in order, under the output
 * folder. Its first line says the settings it runs with — default locale, time zone, charset and Java version — so
 * that the caller can see they took effect; then {@code ok}, or the failure and exit code 1.
 *
 * <p>Arguments: {@code OUTPUT SPEC...}.
 */
public final class GenerateSpecs {

    private GenerateSpecs() {
    }

    public static void main(String[] args) {
        System.out.println(settings());
        Path output = Path.of(args[0]);
        try {
            for (int i = 1; i < args.length; i++) {
                Kforge.generate(new GenerateRequest(Path.of(args[i]), output.resolve(Integer.toString(i))));
            }
            System.out.println("ok");
        } catch (KforgeException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }

    /** {@code tr-TR Pacific/Kiritimati ISO-8859-1 java 25.0.1}: what can change output that must not change. */
    public static String settings() {
        return Locale.getDefault().toLanguageTag() + " " + TimeZone.getDefault().getID() + " "
                + Charset.defaultCharset().name() + " java " + System.getProperty("java.version");
    }
}
