package dev.kforge.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts another JVM on the tests' class path: another build process, or the same code under other settings. */
public final class Jvm {

    private Jvm() {
    }

    /** The {@code java} launcher of the JVM running the tests. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Starts {@code mainClass} with {@code args} in {@code java} (a launcher), on the tests' class path, with the
     * JVM options given; stderr goes to stdout.
     */
    public static Process start(Path java, List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException {
        return start(java, System.getProperty("java.class.path"), jvmOptions, mainClass, args);
    }

    /** Like {@link #start(Path, List, Class, String...)}, on the given class path. */
    public static Process start(Path java, String classPath, List<String> jvmOptions, Class<?> mainClass,
                                String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
