package dev.kforge.api;

import java.util.List;

/**
 * A container that runs to completion before the service starts, with the same restricted security context and
 * small fixed resources.
 *
 * @param name    DNS-1123 label
 * @param image   the image
 * @param command the command; empty for the image's entrypoint
 * @param args    its arguments; may be empty
 */
public record InitContainer(String name, Image image, List<String> command, List<String> args) {

    /** The image {@link #waitFor} uses. */
    public static final Image WAIT_IMAGE = new Image("busybox", "1.37.0");

    public InitContainer {
        command = Copies.list(command);
        args = Copies.list(args);
        Checks c = new Checks().dnsLabel(name, "name", 63).required(image, "image");
        c.done();
    }

    /** An init container without arguments. */
    public InitContainer(String name, Image image, List<String> command) {
        this(name, image, command, null);
    }

    /**
     * The host this container waits for, when it is one {@link #waitFor} made (same name, image and command);
     * {@code null} for any other init container.
     */
    public String waitsFor() {
        if (!WAIT_IMAGE.equals(image) || command.size() != 3 || !name.startsWith("wait-for-")) {
            return null;
        }
        java.util.regex.Matcher m = WAIT_COMMAND.matcher(command.get(2));
        if (!m.matches()) {
            return null;
        }
        InitContainer made = waitFor(m.group(1), Integer.parseInt(m.group(2)));
        return made.equals(this) ? m.group(1) : null;
    }

    private static final java.util.regex.Pattern WAIT_COMMAND =
            java.util.regex.Pattern.compile("until nc -z -w 2 (\\S+) ([0-9]{1,5}); do .*");

    /** Waits until {@code host:port} accepts TCP connections (a database, a cache). */
    public static InitContainer waitFor(String host, int port) {
        new Checks().hostName(host, "waitFor").port(port, "waitFor").done();
        String name = "wait-for-" + host.replace('.', '-');
        // cut to 63 characters, and not ending with '-' where the cut falls after a '.'
        return new InitContainer(name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name, WAIT_IMAGE,
                List.of("sh", "-c", "until nc -z -w 2 " + host + " " + port + "; do echo waiting for " + host
                        + ":" + port + "; sleep 2; done"));
    }
}
