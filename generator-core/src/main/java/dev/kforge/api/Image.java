package dev.kforge.api;

/**
 * A container image. The tag must be pinned: {@code latest} and a missing tag are rejected.
 *
 * @param repository the repository, with or without registry ({@code acme/gateway}, {@code ghcr.io/acme/gateway});
 *                   a repository without registry is prefixed with {@link Platform#imageRegistry()} if one is set
 * @param tag        the tag or a digest ({@code sha256:...})
 */
public record Image(String repository, String tag) {

    public Image {
        new Checks().required(repository, "repository")
                .require(repository == null || !repository.contains(":") || repository.lastIndexOf(':')
                        < repository.lastIndexOf('/'), "repository",
                        "'" + Checks.printable(String.valueOf(repository))
                                + "' contains a tag; give the tag separately")
                .required(tag, "tag")
                .require(!"latest".equals(tag), "tag", "'latest' is not a pinned tag; use a version like 1.4.2")
                .done();
    }

    /** Parses {@code repository:tag} or {@code repository@sha256:...}. */
    public static Image parse(String reference) {
        if (reference == null) {
            throw new ModelException(java.util.List.of(Problem.at("", "is required")));
        }
        int at = reference.indexOf('@');
        if (at > 0) {
            return new Image(reference.substring(0, at), reference.substring(at + 1));
        }
        int colon = reference.lastIndexOf(':');
        if (colon > reference.lastIndexOf('/')) {
            return new Image(reference.substring(0, colon), reference.substring(colon + 1));
        }
        throw new ModelException(java.util.List.of(Problem.at("", "'" + Checks.printable(reference)
                + "' has no tag; pin one, like " + Checks.printable(reference) + ":1.0.0")));
    }

    /** True if the tag is a digest rather than a name. */
    public boolean isDigest() {
        return tag.startsWith("sha256:");
    }

    /** {@code repository:tag} (or {@code repository@digest}). */
    public String reference() {
        return repository + (isDigest() ? "@" : ":") + tag;
    }
}
