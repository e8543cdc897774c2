package dev.kforge.cli;

import dev.kforge.KforgeException;
import dev.kforge.KforgeVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar kforge.jar}: kforge without Maven. Subcommands {@code validate}, {@code generate},
 * {@code verify} and {@code import}, with the Maven plugin's parameters as options. Exit codes: 0 when clean, 1 when there are problems
 * (invalid manifests, a model with problems, drift, a file that cannot be written, a run that exhausted the heap), 2
 * for a usage error.
 */
@Command(name = "kforge", mixinStandardHelpOptions = true, versionProvider = KforgeCli.Version.class,
        description = "Validates Kubernetes manifests offline with kubeconform -strict's verdicts, generates "
                + "and verifies a kforge platform's Kustomize and Helm output, and imports existing manifests into a "
                + "kforge spec.",
        subcommands = {ValidateCommand.class, GenerateCommand.class, VerifyCommand.class, ImportCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 clean, 1 problems found, 2 usage error.",
            "Documentation: https://kforge.dev"})
public final class KforgeCli implements Runnable {

    /** Exit code of a run that found nothing wrong. */
    public static final int CLEAN = 0;
    /** Exit code of a run that found problems (or could not do its work). */
    public static final int PROBLEMS = 1;
    /** Exit code of a command line that does not make sense. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private KforgeCli() {
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: validate, generate, verify or import");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line, writing to {@code out} and {@code err}, and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new KforgeCli())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args1) -> {
                    CommandLine commandLine = e.getCommandLine();
                    commandLine.getErr().println(e.getMessage());
                    commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName()
                            + " --help' for the options.");
                    return USAGE;
                })
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    if (outOfMemory(e) != null) {
                        return outOfMemory(commandLine);
                    }
                    if (e instanceof KforgeException k) {
                        commandLine.getErr().println(k.getMessage());
                        return PROBLEMS;
                    }
                    if (e instanceof UsageException u) {
                        commandLine.getErr().println(u.getMessage());
                        commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName()
                                + " --help' for the options.");
                        return USAGE;
                    }
                    throw e;
                });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // by now the model, the objects and the output tree are unreachable: there is room for the message
            CommandLine.ParseResult parsed = cli.getParseResult();
            return outOfMemory(parsed != null && parsed.subcommand() != null
                    ? parsed.subcommand().commandSpec().commandLine() : cli);
        }
    }

    /**
     * The message of a run that exhausted the heap (a catalog of 100,000 tenants under a small {@code -Xmx}, a
     * folder of huge manifests): what ran out, how to give Java more, and what was written. Exit code 1.
     */
    private static int outOfMemory(CommandLine commandLine) {
        Object command = commandLine.getCommandSpec().userObject();
        String work = command instanceof Work w ? w.whenOutOfMemory() : "working; nothing was written";
        commandLine.getErr().println("kforge ran out of memory (Java's heap, at most "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB in this run) while " + work + ". Give "
                + "Java more heap and run again: java -Xmx4g -jar kforge.jar ..., or JAVA_TOOL_OPTIONS=-Xmx4g "
                + "(KFORGE_JAVA_OPTS=-Xmx4g for the kforge launcher).");
        commandLine.getErr().flush();
        return PROBLEMS;
    }

    /** The {@link OutOfMemoryError} that {@code e} is or was caused by, or {@code null}. */
    private static OutOfMemoryError outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /** A command, as a message about exhausted memory names it. */
    interface Work {
        /**
         * What it was doing and what that leaves written, e.g. {@code generating from platform.yaml; nothing was
         * written to deploy}.
         */
        String whenOutOfMemory();
    }

    /** An argument that names something that does not exist or cannot be used: a usage error, exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** {@code kforge 0.1.0}, with the Java runtime it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kforge " + KforgeVersion.version(), "Java " + System.getProperty("java.version")
                    + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
