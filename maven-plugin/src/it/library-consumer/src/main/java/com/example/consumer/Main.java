package com.example.consumer;

import dev.kforge.GenerateReport;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Policy;
import dev.kforge.api.Probes;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.spec.SpecReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Generates a platform built in memory, the way a library user would, and reports what happened. */
public final class Main {

    private Main() {
    }

    private static Platform shop(Policy policy) {
        return Platform.builder("shop")
                .policy(policy)
                .service(Service.builder("web", ServiceKind.WEB_SERVICE)
                        .image("web:1.0.0")
                        .port("http", 8080)
                        .replicas(3)
                        .probes(Probes.http("/health", "/ready"))
                        .resources("100m", "200m", "64Mi", "128Mi")
                        .build())
                .environment(Environment.builder("prod").profile("prod").build())
                .build();
    }

    public static void main(String[] args) {
        // the policy gate, as in the plugin: prod fails on three replicas without a disruption budget
        try {
            Kforge.generate(shop(Policy.DEFAULT), Path.of("target/refused"), "1.0.0");
            System.out.println("consumer: policy gate MISSING");
        } catch (KforgeException e) {
            System.out.println("consumer: refused: " + e.problems().get(0));
        }
        GenerateReport report = Kforge.generate(shop(new Policy(List.of(new Policy.Suppression("web",
                "pdb-for-replicas", "a stateless cache; losing every pod at once is fine")), Map.of())),
                Path.of("deploy"), "1.0.0");
        report.summary().forEach(line -> System.out.println("consumer: " + line));
        // service templates need jinjava, which this project does not have
        try {
            SpecReader.read("platform.yaml", """
                    platform: {name: paas}
                    tenancy: {namespacePrefix: paas, repoUrl: https://git.example/gitops.git}
                    plans:
                      starter: {cpu: 500, memory: 1024, storage: 10}
                    tenants:
                      alice: {tier: small, licenseTier: free, domain: alice.example.com,
                              instances: {blog: {template: blog, plan: starter}}}
                    environments:
                      prod: {profile: prod}
                    """);
            System.out.println("consumer: templates rendered without jinjava?");
        } catch (dev.kforge.api.ModelException e) {
            System.out.println("consumer: templates: " + e.problems().get(0));
        }
    }
}
