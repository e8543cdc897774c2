package com.example.admin;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.PlatformDefinition;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;

/** The admin platform: one console, dev and prod. */
public class AdminPlatform implements PlatformDefinition {

    @Override
    public Platform define() {
        return Platform.builder("admin")
                .service(Service.builder("console", ServiceKind.WEB_SERVICE)
                        .image("example/console:5.0.2").port("http", 8080)
                        .resources("50m", "250m", "64Mi", "128Mi").build())
                .environment(Environment.builder("dev").profile("dev").build())
                .environment(Environment.builder("prod").profile("prod").build())
                // a minimal fixture: prod findings are reported, not fatal
                .policy(new dev.kforge.api.Policy(java.util.List.of(), java.util.Map.of("prod", "error")))
                .build();
    }
}
