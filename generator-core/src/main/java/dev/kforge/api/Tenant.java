package dev.kforge.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A customer of a multi-tenant platform, which gets its own isolated instance of the platform's services in a
 * namespace of its own ({@code <prefix>-<id>}) per environment, sized by its {@link Tier}.
 *
 * @param id           DNS-1123 label of at most 40 characters; part of the namespace name and of every label
 * @param displayName  human name (any text without control characters, at most 200 characters)
 * @param tier         name of the tier that sizes the tenant: requests and limits, storage, replicas, quota
 * @param licenseTier  the product license ({@code standard}, {@code enterprise}); given to the application as
 *                     {@code LICENSE_TIER}; a label value
 * @param plugins      enabled plugins, given to the application as {@code ENABLED_PLUGINS} (comma-separated);
 *                     each at most 63 lower-case letters, digits, '-' and '_', starting and ending with a letter
 *                     or digit ({@code advanced_billing}): what applications name their plugins, and never a
 *                     comma
 * @param domain       the tenant's host name; its ingress hosts are this domain
 * @param environments environments the tenant runs in; empty for all of the platform's
 * @param services     services only this tenant runs, in its namespace next to the platform's shared ones (a PaaS
 *                     user's instances, see {@code dev.kforge.template.ServiceTemplates}); their names must differ
 *                     from the platform's services. They are not given the tenant variables ({@code TENANT_ID}…),
 *                     which are for the platform's own application. Empty by default
 * @param imageTag     the image tag this tenant runs of the platform's shared services, in every environment (a
 *                     tenant pinned to a release, or an early adopter); null to follow the platform
 */
public record Tenant(String id, String displayName, String tier, String licenseTier, List<String> plugins,
                     String domain, List<String> environments, List<Service> services, String imageTag) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|sha256:[a-f0-9]{64}");

    private static final Pattern LICENSE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private static final Pattern PLUGIN = Pattern.compile("[a-z0-9]([-_a-z0-9]*[a-z0-9])?");

    public Tenant {
        plugins = Copies.list(plugins);
        environments = Copies.list(environments);
        services = Copies.list(services);
        Checks c = new Checks().dnsLabel(id, "id", 40).required(tier, "tier").required(domain, "domain")
                .required(licenseTier, "licenseTier")
                .require(displayName == null || displayName.length() <= 200, "displayName",
                        "is " + (displayName == null ? 0 : displayName.length()) + " characters long; use at most 200")
                .require(displayName == null || displayName.chars().noneMatch(Character::isISOControl),
                        "displayName", "'" + (displayName == null ? "" : Checks.printable(displayName))
                                + "' contains a control character; remove it")
                .require(licenseTier == null || licenseTier.length() <= 63 && LICENSE.matcher(licenseTier).matches(),
                        "licenseTier", "'" + (licenseTier == null ? "" : Checks.printable(licenseTier))
                                + "' is not a valid license tier; use lower-case letters, digits and '-'")
                .unique(plugins, p -> p, "plugins")
                .unique(environments, e -> e, "environments")
                .unique(services, Service::name, "services")
                .require(imageTag == null || !imageTag.equals("latest"), "imageTag",
                        "'latest' is not a pinned tag; use a version like 1.4.2")
                .require(imageTag == null || imageTag.equals("latest") || TAG.matcher(imageTag).matches(), "imageTag",
                        "'" + (imageTag == null ? "" : Checks.printable(imageTag)) + "' is not an image tag; use "
                                + "letters, digits, '_', '.' and '-' (at most 128), or a sha256: digest");
        if (domain != null) {
            c.hostName(domain, "domain");
        }
        for (int i = 0; i < plugins.size(); i++) {
            String plugin = plugins.get(i);
            c.require(plugin != null && plugin.length() <= 63 && PLUGIN.matcher(plugin).matches(), "plugins." + i,
                    "'" + (plugin == null ? "" : Checks.printable(plugin)) + "' is not a plugin name; use at most 63 "
                            + "lower-case letters, digits, '-' and '_', starting and ending with a letter or digit");
        }
        c.done();
    }

    /** A tenant that runs only the platform's shared services, at the platform's image tags. */
    public Tenant(String id, String displayName, String tier, String licenseTier, List<String> plugins,
                  String domain, List<String> environments) {
        this(id, displayName, tier, licenseTier, plugins, domain, environments, List.of(), null);
    }

    /** A tenant with services of its own, at the platform's image tags. */
    public Tenant(String id, String displayName, String tier, String licenseTier, List<String> plugins,
                  String domain, List<String> environments, List<Service> services) {
        this(id, displayName, tier, licenseTier, plugins, domain, environments, services, null);
    }

    /** This tenant running the platform's shared services at {@code tag} (null: the platform's tags). */
    public Tenant withImageTag(String tag) {
        return new Tenant(id, displayName, tier, licenseTier, plugins, domain, environments, services, tag);
    }

    /** This tenant with {@code more} services of its own added. */
    public Tenant withServices(List<Service> more) {
        List<Service> all = new java.util.ArrayList<>(services);
        all.addAll(more);
        return new Tenant(id, displayName, tier, licenseTier, plugins, domain, environments, all, imageTag);
    }

    /** True if the tenant runs in {@code environment}. */
    public boolean runsIn(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }
}
