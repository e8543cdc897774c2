package com.example.shop;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.PlatformDefinition;
import dev.kforge.api.Probes;
import dev.kforge.api.Resources;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Tier;

import java.math.BigDecimal;

/** The shop platform, in Java: loaded by k8s:generate from this project's compiled classes. */
public class ShopPlatform implements PlatformDefinition {

    @Override
    public Platform define() {
        return Platform.builder("shop")
                .domain("shop.example.com")
                .tier(new Tier("small", new Resources("100m", "500m", "128Mi", "256Mi"), null, 1, 3, null,
                        new BigDecimal("19.00")))
                .service(Service.builder("storefront", ServiceKind.WEB_SERVICE)
                        .image("acme/storefront:3.1.0")
                        .port("http", 8080)
                        .probes(Probes.http("/health", "/ready"))
                        .tier("small")
                        .replicas(2)
                        .dependsOn("mailer")
                        .build())
                .service(Service.builder("mailer", ServiceKind.WORKER)
                        .image("acme/mailer:1.2.0")
                        .port("smtp", 2525)
                        .tier("small")
                        .build())
                .environment(Environment.builder("dev").profile("dev").build())
                .environment(Environment.builder("prod").profile("prod")
                        .service("storefront", new ServiceOverride(4, null, null, null, null, null, null))
                        .build())
                // a minimal fixture: prod findings are reported, not fatal
                .policy(new dev.kforge.api.Policy(java.util.List.of(), java.util.Map.of("prod", "error")))
                .build();
    }
}
