package com.example.orders;

import io.dekorate.docker.annotation.DockerBuild;

/**
 * Dekorate's image group and registry for this module, the fix kforge asks for: without it Dekorate names the image
 * {@code <OS user name>/orders:1.4.2}. The integration test's first build leaves this class out (see the POM).
 */
@DockerBuild(group = "shop", registry = "registry.example.com")
final class ImageGroup {

    private ImageGroup() {
    }
}
