package com.example.shop;

import dev.kforge.api.Platform;
import dev.kforge.api.PlatformDefinition;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;

/** A model with problems: building it throws ModelException, which kforge lists. */
public class BrokenPlatform implements PlatformDefinition {

    @Override
    public Platform define() {
        return Platform.builder("shop")
                .service(Service.builder("storefront", ServiceKind.WEB_SERVICE)
                        .image("acme/storefront:3.1.0")
                        .port("http", 8080)
                        .resources("100m", "500m", "128Mi", "256Mi")
                        .dependsOn("payments")
                        .build())
                .build();
    }
}
