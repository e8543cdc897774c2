package dev.kforge.hardening;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The catalog of malformed inputs: specs and tenant catalogs that are broken in one way each, with the one problem
 * each must be reported as — the file and line, the model path, and words that must be in the message: what is
 * wrong (with the bad value where there is one) and what to do.
 *
 * <p>Most cases change one of two valid bases: {@link #SHOP}, a one-service platform, and {@link #ISP}, a
 * multi-tenant platform with the catalog {@link #CSV}. Lines appended to the shop's service start at line
 * {@value #NEXT_SERVICE_LINE}, sections appended to the shop at {@value #NEXT_LINE}.
 */
public final class MalformedInputs {

    /** A valid platform of one service; lines 1 to 9. */
    public static final String SHOP = """
            platform:
              name: shop
              domain: shop.example
            services:
              gateway:
                kind: web-service
                image: gateway:1.0.0
                ports: {http: 8080}
                resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
            """;
    static final int NEXT_SERVICE_LINE = 10;
    static final int NEXT_LINE = 10;

    /** A valid multi-tenant platform whose tenants come from {@code tenants.csv}; lines 1 to 14. */
    public static final String ISP = """
            platform:
              name: isp
            tenancy:
              namespacePrefix: isp
              catalog: tenants.csv
            services:
              app:
                kind: web-service
                image: app:1.0.0
                ports: {http: 8080}
            environments:
              dev: {}
              prod: {}
            """;

    /** A valid tenant catalog: a header and two tenants, lines 1 to 3. */
    public static final String CSV = """
            id,displayName,tier,licenseTier,plugins,domain,environments
            acme,"Acme Inc.",small,standard,reports;audit,acme.example,
            globex,"Globex GmbH",medium,business,,globex.example,prod
            """;

    /** The same tenants as a YAML catalog, lines 1 to 5. */
    public static final String YAML_CATALOG = """
            tenants:
              acme: {displayName: Acme Inc., tier: small, licenseTier: standard, domain: acme.example}
              globex:
                tier: medium
                licenseTier: business
                domain: globex.example
            """;

    /**
     * One malformed input.
     *
     * @param name     what is wrong, as a case name
     * @param spec     the spec file's name among {@code files}
     * @param files    file name to content, written side by side
     * @param location the problem's {@code file:line}
     * @param path     the problem's model path; empty for the file as a whole
     * @param says     words the message must contain: what is wrong, and what to do
     */
    public record Case(String name, String spec, Map<String, byte[]> files, String location, String path,
                       List<String> says) {

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Case> cases = new ArrayList<>();

    private MalformedInputs() {
    }

    /** Every case, in the order below. */
    public static List<Case> all() {
        MalformedInputs m = new MalformedInputs();
        m.syntax();
        m.types();
        m.unknownKeys();
        m.duplicates();
        m.references();
        m.cycles();
        m.names();
        m.sizes();
        m.hostile();
        m.catalogs();
        m.secrets();
        return List.copyOf(m.cases);
    }

    // ---------------------------------------------------------------- the cases

    private void syntax() {
        spec("syntax: unclosed flow sequence", "platform:\n  name: [shop\nservices: {}\n")
                .is("platform.yaml:3", "platform.name.0", "invalid YAML: expected ',' or ']'",
                        "check the indentation, quoting and brackets");
        spec("syntax: unclosed quote", SHOP.replace("image: gateway:1.0.0", "image: \"gateway:1.0.0"))
                .is("platform.yaml:7", "services.gateway.image", "while scanning a quoted scalar",
                        "check the indentation, quoting and brackets");
        spec("syntax: tab indentation", "platform:\n\tname: shop\n")
                .is("platform.yaml:2", "platform", "found character '\\t(TAB)'",
                        "check the indentation");
        spec("syntax: colon in a plain value", SHOP.replace("image: gateway:1.0.0", "image: gateway: 1.0.0"))
                .is("platform.yaml:7", "services.gateway.image", "mapping values are not allowed here",
                        "check the indentation, quoting and brackets");
        spec("syntax: key indented less than its siblings", SHOP.replace("    image:", "   image:"))
                .is("platform.yaml:7", "services.gateway", "invalid YAML: expected <block end>",
                        "check the indentation, quoting and brackets");
        spec("syntax: two documents", SHOP + "---\nplatform: {name: other}\n")
                .is("platform.yaml:10", "", "holds more than one YAML document", "remove the '---' separator");
        spec("syntax: unclosed flow map", SHOP.replace("ports: {http: 8080}", "ports: {http: 8080"))
                .is("platform.yaml:9", "services.gateway.ports.http", "while parsing a flow mapping",
                        "check the indentation, quoting and brackets");
        spec("syntax: undefined alias", service("replicas: *count"))
                .is("platform.yaml:10", "services.gateway.replicas", "found undefined alias count",
                        "define the anchor ('&name') before the alias");
    }

    private void types() {
        spec("type: services is a list", "platform: {name: shop}\nservices:\n  - gateway\n")
                .is("platform.yaml:3", "services", "found a list", "expected a map of service name to service settings");
        spec("type: platform is text", SHOP.replace("platform:\n  name: shop\n  domain: shop.example\n",
                "platform: shop\n"))
                .is("platform.yaml:1", "platform", "found 'shop'", "expected a map of platform settings");
        spec("type: the file is a list", "- platform\n- services\n")
                .is("platform.yaml:1", "", "found a list", "expected a map of spec sections (platform, tiers");
        spec("type: the file is one word", "gateway\n")
                .is("platform.yaml:1", "", "found 'gateway'", "expected a map of spec sections");
        spec("type: replicas is text", service("replicas: three"))
                .is("platform.yaml:10", "services.gateway.replicas", "found 'three'", "expected a whole number");
        spec("type: replicas is negative", service("replicas: -1"))
                .is("platform.yaml:10", "services.gateway.replicas", "-1", "is below the minimum 0");
        spec("type: boolean written as yes", service("ingress:", "  rules: [{host: api}]", "  tls: yes"))
                .is("platform.yaml:12", "services.gateway.ingress.tls", "found 'yes'", "expected true or false");
        spec("type: ports is a number", SHOP.replace("ports: {http: 8080}", "ports: 8080"))
                .is("platform.yaml:8", "services.gateway.ports", "found '8080'", "expected a map of port name to port number");
        spec("type: port out of range", SHOP.replace("ports: {http: 8080}", "ports: {http: 80800}"))
                .is("platform.yaml:8", "services.gateway.ports.http.port", "port 80800", "is outside 1-65535");
        spec("type: env is a list", service("env: [LOG_LEVEL, DEBUG]"))
                .is("platform.yaml:10", "services.gateway.env", "found a list", "expected a map of variable name to value");
        spec("type: price is text", SHOP + "tiers:\n  small:\n    resources: {cpuRequest: 100m, cpuLimit: 200m, "
                + "memoryRequest: 64Mi, memoryLimit: 128Mi}\n    monthlyPrice: cheap\n")
                .is("platform.yaml:13", "tiers.small.monthlyPrice", "found 'cheap'", "expected a decimal number like 0.5");
        spec("type: kind in CamelCase", SHOP.replace("kind: web-service", "kind: WebService"))
                .is("platform.yaml:6", "services.gateway.kind", "'WebService' is not a valid service kind",
                        "use one of: web-service, worker, stateful-service, scheduled-job");
        spec("type: dependsOn is one name", service("dependsOn: postgresql"))
                .is("platform.yaml:10", "services.gateway.dependsOn", "found 'postgresql'",
                        "expected a list of service or backing service names");
        spec("type: cpu is not a quantity", SHOP.replace("cpuRequest: 100m", "cpuRequest: lots"))
                .is("platform.yaml:9", "services.gateway.resources.cpuRequest", "'lots' is not a CPU quantity",
                        "write millicores like 250m or cores like 2");
        spec("type: chart value is infinity", SHOP + "backingServices:\n  db:\n    ports: [5432]\n    chart:\n"
                + "      repository: https://charts.example\n      version: 1.0.0\n      values: {ratio: .inf}\n")
                .is("platform.yaml:16", "backingServices.db.chart.values.ratio", "'.inf' is not a value a chart can take",
                        "quote it to give it as text");
        spec("type: image without a tag", SHOP.replace("image: gateway:1.0.0", "image: gateway"))
                .is("platform.yaml:7", "services.gateway.image", "'gateway' has no tag", "pin one, like gateway:1.0.0");
        spec("type: image tagged latest", SHOP.replace("image: gateway:1.0.0", "image: gateway:latest"))
                .is("platform.yaml:7", "services.gateway.image.tag", "'latest' is not a pinned tag",
                        "use a version like 1.4.2");
        spec("type: cron is prose", SHOP.replace("kind: web-service", "kind: scheduled-job")
                .replace("    ports: {http: 8080}\n", "") + "    schedule: {cron: every day}\n")
                .is("platform.yaml:9", "services.gateway.schedule.cron", "'every day' is not a cron expression",
                        "write five fields");
        spec("type: required name missing", SHOP.replace("  name: shop\n", ""))
                .is("platform.yaml:1", "platform.name", "is required", "like 'name: shop'");
        spec("type: empty list item", service("initContainers:", "  -"))
                .is("platform.yaml:11", "services.gateway.initContainers.0", "is empty", "remove it or fill it in");
    }

    private void unknownKeys() {
        spec("unknown key: misspelt service key", service("autoscalling: {maxReplicas: 3, cpuUtilization: 50}"))
                .is("platform.yaml:10", "services.gateway.autoscalling", "unknown key 'autoscalling'",
                        "did you mean 'autoscaling'?");
        spec("unknown key: misspelt section", SHOP + "enviroments: {}\n")
                .is("platform.yaml:10", "enviroments", "unknown key 'enviroments'", "did you mean 'environments'?");
        spec("unknown key: misspelt platform key", SHOP.replace("  domain:", "  domian:"))
                .is("platform.yaml:3", "platform.domian", "unknown key 'domian'", "did you mean 'domain'?");
        spec("unknown key: misspelt environment key", SHOP + "environments:\n  dev:\n    profle: dev\n")
                .is("platform.yaml:12", "environments.dev.profle", "unknown key 'profle'", "did you mean 'profile'?");
        spec("unknown key: wrong case", service("ingress: {rules: [{host: api}], rateLimitRPS: 10}"))
                .is("platform.yaml:10", "services.gateway.ingress.rateLimitRPS", "unknown key 'rateLimitRPS'",
                        "did you mean 'rateLimitRps'?");
        spec("unknown key: nothing like it", service("colour: red"))
                .is("platform.yaml:10", "services.gateway.colour", "unknown key 'colour'",
                        "allowed keys: kind, image");
    }

    private void duplicates() {
        spec("duplicate: key twice in a service", service("kind: worker"))
                .is("platform.yaml:10", "services.gateway.kind", "duplicate key 'kind'",
                        "it is already set on line 6; keep one");
        spec("duplicate: service name twice", SHOP + "  gateway:\n    kind: worker\n")
                .is("platform.yaml:10", "services.gateway", "duplicate key 'gateway'",
                        "it is already set on line 5; keep one");
        spec("duplicate: two ports with one number", SHOP.replace("ports: {http: 8080}",
                "ports: {http: 8080, web: 8080}"))
                .is("platform.yaml:8", "services.gateway.ports", "port 8080 is given to [http, web]",
                        "give each port name its own number");
        spec("duplicate: config file inline and from a file", service("config:", "  files: {routes.yaml: \"a: 1\"}",
                "  fromFiles: [routes.yaml]"))
                .with("routes.yaml", "b: 2\n")
                .is("platform.yaml:12", "services.gateway.config.fromFiles.0",
                        "a config file named 'routes.yaml' is given twice", "rename one");
    }

    private void references() {
        spec("reference: unknown tier", service("tier: gold") + "tiers:\n  small:\n    resources: "
                + "{cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}\n")
                .is("platform.yaml:10", "services.gateway.tier", "'gold' is not a tier of this platform",
                        "known tiers: [small]");
        spec("reference: unknown dependency", service("dependsOn: [postgres]"))
                .is("platform.yaml:10", "services.gateway.dependsOn", "'postgres' is neither a service nor a backing "
                        + "service", "declare it under backingServices or fix the name");
        spec("reference: override of an unknown service", SHOP + "environments:\n  dev:\n    services:\n"
                + "      gatewy: {replicas: 2}\n")
                .is("platform.yaml:13", "environments.dev.services.gatewy", "is not a service of this platform",
                        "known: [gateway]");
        spec("reference: chart values for an unknown environment", SHOP + "backingServices:\n  db:\n"
                + "    ports: [5432]\n    chart:\n      repository: https://charts.example\n      version: 1.0.0\n"
                + "      environments:\n        qa: {replicaCount: 1}\n")
                .is("platform.yaml:17", "backingServices.db.chart.environments.qa",
                        "is not an environment of this platform", "known: []");
        spec("reference: ingress path to an unknown service", service("ingress:", "  rules:", "    - host: api",
                "      paths: [{path: /v2, service: gateway-v2}]"))
                .is("platform.yaml:13", "services.gateway.ingress.rules.api.paths./v2.service",
                        "'gateway-v2' is not a service of this platform", "did you mean 'gateway'?");
        spec("reference: probe on an unknown port", service("probes:", "  liveness: {path: /health, port: admin}"))
                .is("platform.yaml:11", "services.gateway.probes.liveness.port", "'admin' is not a port of the service",
                        "its ports: [http]");
        spec("reference: failOn for an unknown environment", SHOP + "environments: {dev: {}}\n"
                + "policy:\n  failOn: {qa: error}\n")
                .is("platform.yaml:12", "policy.failOn.qa", "is not an environment of this platform", "known: [dev]");
        spec("reference: suppression for an unknown service", SHOP + "policy:\n  suppress:\n"
                + "    gatewy: {spread-replicas: \"a single zone, nothing to spread over\"}\n")
                .is("platform.yaml:12", "policy.suppress.gatewy", "'gatewy' is not a service of this platform",
                        "did you mean 'gateway'?");
        spec("reference: suppression of an unknown rule", SHOP + "policy:\n  suppress:\n"
                + "    gateway: {spread-replica: \"a single zone, nothing to spread over\"}\n")
                .is("platform.yaml:12", "policy.suppress.gateway.spread-replica", "'spread-replica' is not a rule",
                        "did you mean 'spread-replicas'?");
        spec("reference: config file that is not there", service("config: {fromFiles: [config/routes.yaml]}"))
                .is("platform.yaml:10", "services.gateway.config.fromFiles.0", "no file at",
                        "relative to the spec file's folder");
        spec("reference: catalog that is not there", ISP.replace("catalog: tenants.csv", "catalog: customers.csv"))
                .with("tenants.csv", CSV)
                .is("platform.yaml:5", "tenancy.catalog", "no file at", "relative to the spec file's folder");
    }

    private void cycles() {
        spec("cycle: a service depends on itself", service("dependsOn: [gateway]"))
                .is("platform.yaml:10", "services.gateway.dependsOn", "a service cannot depend on itself",
                        "remove 'gateway' from dependsOn");
        spec("cycle: two services wait for each other", SHOP + """
                    initContainers: [{waitFor: "worker:8080"}]
                  worker:
                    kind: web-service
                    image: worker:1.0.0
                    ports: {http: 8080}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    initContainers: [{waitFor: "gateway:8080"}]
                """)
                .is("platform.yaml:10", "services.gateway.initContainers", "gateway waits for worker, which waits for "
                        + "gateway", "remove one of the waits");
        spec("cycle: a service waits for itself", service("initContainers: [{waitFor: \"gateway:8080\"}]"))
                .is("platform.yaml:10", "services.gateway.initContainers", "gateway waits for gateway",
                        "remove the wait");
    }

    private void names() {
        spec("name: path separator in a service name", SHOP.replace("  gateway:\n", "  api/v1:\n"))
                .is("platform.yaml:5", "services.api/v1.name", "'api/v1' is not a valid name",
                        "use lower-case letters, digits and '-'");
        spec("name: parent directory as a service name", SHOP.replace("  gateway:\n", "  \"..\":\n"))
                .is("platform.yaml:5", "services....name", "'..' is not a valid name",
                        "use lower-case letters, digits and '-'");
        spec("name: newline in a service name", SHOP.replace("  gateway:\n", "  \"gate\\nway\":\n"))
                .is("platform.yaml:5", "services.gate\\u000away.name", "'gate\\u000away' is not a valid name",
                        "use lower-case letters");
        spec("name: non-ASCII service name", SHOP.replace("  gateway:\n", "  g\u00e4teway:\n"))
                .is("platform.yaml:5", "services.g\\u00e4teway.name", "'g\\u00e4teway' is not a valid name",
                        "use lower-case letters");
        spec("name: path separators in a config file name", service("config:",
                "  files: {\"../../etc/passwd\": \"x\"}"))
                .is("platform.yaml:11", "services.gateway.config.files", "'../../etc/passwd' is not a valid file name",
                        "no path separators");
        spec("name: absolute config file path", service("config: {fromFiles: [/etc/passwd]}"))
                .is("platform.yaml:10", "services.gateway.config.fromFiles.0", "'/etc/passwd' is not a relative file "
                        + "path", "relative to the spec file's folder");
        spec("name: absolute catalog path", ISP.replace("catalog: tenants.csv", "catalog: /etc/tenants.csv"))
                .is("platform.yaml:5", "tenancy.catalog", "'/etc/tenants.csv' is not a relative path",
                        "relative to the spec file's folder");
        // found by the fuzzer: a path no file can have, and a path that would break the message into two lines
        spec("name: catalog path with half a surrogate pair", ISP.replace("catalog: tenants.csv",
                "catalog: \"\\uD800\""))
                .is("platform.yaml:5", "tenancy.catalog", "'\\ud800' is not a relative path",
                        "relative to the spec file's folder");
        spec("name: NUL in a config file path", service("config: {fromFiles: [\"a\\0b.yaml\"]}"))
                .is("platform.yaml:10", "services.gateway.config.fromFiles.0", "'a\\u0000b.yaml' is not a relative "
                        + "file path", "relative to the spec file's folder");
        spec("name: line break in a catalog path", ISP.replace("catalog: tenants.csv",
                "catalog: \"new\\nfile.csv\""))
                .is("platform.yaml:5", "tenancy.catalog", "no file at ", "new\\u000afile.csv; the catalog path is "
                        + "relative to the spec file's folder");
    }

    private void sizes() {
        spec("size: number too large", service("replicas: 99999999999"))
                .is("platform.yaml:10", "services.gateway.replicas", "'99999999999' is too large",
                        "expected a whole number up to 2147483647");
        spec("size: number of a thousand digits", service("replicas: " + "9".repeat(1000)))
                .is("platform.yaml:10", "services.gateway.replicas", "' is too large",
                        "expected a whole number up to 2147483647");
        spec("size: service name too long", SHOP.replace("  gateway:\n", "  " + "g".repeat(60) + ":\n"))
                .is("platform.yaml:5", "services." + "g".repeat(60) + ".name", "is 60 characters long",
                        "use at most 50");
        spec("size: label value too long", SHOP.replace("  domain: shop.example\n",
                "  domain: shop.example\n  labels: {team: " + "a".repeat(100) + "}\n"))
                .is("platform.yaml:4", "platform.labels.team", "is not a valid label value", "use at most 63");
        spec("size: a million-character value", SHOP.replace("domain: shop.example",
                "domain: " + "a".repeat(1_000_000) + ".example"))
                .is("platform.yaml:3", "platform.domain", "is 1000008 characters long", "use at most 253");
        spec("size: spec over 10 Mi characters", SHOP + "# " + "x".repeat(11 * 1024 * 1024) + "\n")
                .is("platform.yaml:1", "", "is larger than 10485760 characters", "split it");
        spec("size: config file over 1 MiB", service("config: {fromFiles: [big.txt]}"))
                .with("big.txt", "x".repeat(1024 * 1024 + 1))
                .is("platform.yaml:10", "services.gateway.config.fromFiles.0", "larger than 1 MiB",
                        "mount it from a volume instead");
    }

    private void hostile() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 0; level < 9; level++) {
            bomb.append("l").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i > 0 ? ", " : "").append('*').append(level == 0 ? "a" : "l" + (level - 1));
            }
            bomb.append("]\n");
        }
        spec("hostile: alias bomb", bomb.toString())
                .is("platform.yaml:7", "l5.5", "uses more than 50 aliases", "write the values out instead");
        spec("hostile: nesting 100,000 deep", "platform:\n  name: " + "[".repeat(100_000) + "]".repeat(100_000)
                + "\n")
                .is("platform.yaml:2", "platform.name.0.0.0.0.0.0.0.0.0.0", "nests lists and maps deeper than 50 "
                        + "levels", "check the brackets and indentation");
        spec("hostile: empty file", "")
                .is("platform.yaml:1", "", "is empty", "a spec needs at least a 'platform:' section");
        spec("hostile: only comments", "# nothing yet\n\n# really\n")
                .is("platform.yaml:1", "", "is empty", "a spec needs at least a 'platform:' section");
        spec("hostile: only a document marker", "---\n")
                .is("platform.yaml:1", "", "is empty", "a spec needs at least a 'platform:' section");
        spec("hostile: binary junk", junk(4096, 7))
                .is("platform.yaml:1", "", "is not UTF-8 text", "save the file as UTF-8");
        spec("hostile: NUL in a value", SHOP.replace("domain: shop.example", "domain: shop\u0000example"))
                .is("platform.yaml:3", "", "contains the control character U+0000 at column 15",
                        "a spec must be plain UTF-8 text");
        spec("hostile: Latin-1 text", SHOP.replace("shop.example", "sh\u00f6p.example"), StandardCharsets.ISO_8859_1)
                .is("platform.yaml:3", "", "is not UTF-8 text (invalid byte 0xf6", "save the file as UTF-8");
        spec("hostile: escape sequence in a value", SHOP.replace("domain: shop.example",
                "domain: \"\\e[31mred\\e[0m\""))
                .is("platform.yaml:3", "platform.domain", "'\\u001b[31mred\\u001b[0m' is not a valid name",
                        "use lower-case DNS labels");
    }

    private void catalogs() {
        tenants("csv: unknown column", CSV.replace("displayName,tier", "displayName,teir"))
                .is("tenants.csv:1", "tenants", "unknown column 'teir'", "did you mean 'tier'?");
        tenants("csv: required column missing", "id,tier,licenseTier\nacme,small,standard\n")
                .is("tenants.csv:1", "tenants", "the header has no 'domain' column", "columns: id,displayName");
        tenants("csv: tenant twice", CSV + "acme,Acme again,small,standard,,acme2.example,\n")
                .is("tenants.csv:4", "tenants.acme", "tenant 'acme' is defined more than once (first on line 2)",
                        "ids must be unique");
        tenants("csv: unknown tier", CSV.replace(",medium,", ",gold,"))
                .is("tenants.csv:3", "tenants.globex.tier", "'gold' is not a tier of this platform",
                        "known tiers: [large, medium, micro, small, xlarge]");
        tenants("csv: unknown environment", CSV.replace(",prod\n", ",qa\n"))
                .is("tenants.csv:3", "tenants.globex.environments", "'qa' is not an environment of this platform",
                        "known: [dev, prod]");
        tenants("csv: too few values", CSV + "initech,Initech,small\n")
                .is("tenants.csv:4", "tenants.row4", "has 3 values but the header names 7 columns",
                        "quote values that contain ','");
        tenants("csv: unbalanced quote", CSV.replace("\"Acme Inc.\"", "\"Acme Inc."))
                .is("tenants.csv:2", "tenants", "is not valid CSV (Invalid character between encapsulated token",
                        "quote a value that holds ','");
        tenants("csv: id with a path separator", CSV.replace("globex,", "globex/../x,"))
                .is("tenants.csv:3", "tenants.globex/../x.id", "'globex/../x' is not a valid name",
                        "use lower-case letters, digits and '-'");
        tenants("csv: newline in a quoted id", CSV.replace("globex,\"Globex", "\"glo\nbex\",\"Globex"))
                .is("tenants.csv:4", "tenants.glo\\u000abex.id", "'glo\\u000abex' is not a valid name",
                        "use lower-case letters");
        tenants("csv: control character in a display name", CSV.replace("Globex GmbH", "Globex\u0007GmbH"))
                .is("tenants.csv:3", "tenants.globex.displayName", "'Globex\\u0007GmbH' contains a control character",
                        "remove it");
        tenants("csv: empty file", "")
                .is("tenants.csv:1", "tenants", "is empty", "a catalog starts with a header row naming its columns: "
                        + "id,displayName");
        tenants("csv: binary junk", junk(2048, 11))
                .is("tenants.csv:1", "", "is not UTF-8 text", "save the file as UTF-8");
        tenants("csv: Latin-1 text", CSV.replace("GmbH", "Gm\u00dfH"), StandardCharsets.ISO_8859_1)
                .is("tenants.csv:3", "", "is not UTF-8 text (invalid byte 0xdf", "save the file as UTF-8");
        tenants("csv: domain too long", CSV.replace("acme.example", "a".repeat(300) + ".example"))
                .is("tenants.csv:2", "tenants.acme.domain", "is 308 characters long", "use at most 253");
        yamlTenants("yaml catalog: misspelt key", YAML_CATALOG.replace("licenseTier: business",
                "licenceTier: business"))
                .is("tenants.yaml:5", "tenants.globex.licenceTier", "unknown key 'licenceTier'",
                        "did you mean 'licenseTier'?");
        yamlTenants("yaml catalog: tenant twice", YAML_CATALOG + "  acme: {tier: small, licenseTier: standard, "
                + "domain: acme2.example}\n")
                .is("tenants.yaml:7", "tenants.acme", "duplicate key 'acme'", "keep one");
        yamlTenants("yaml catalog: unknown environment", YAML_CATALOG + "    environments: [qa]\n")
                .is("tenants.yaml:7", "tenants.globex.environments", "'qa' is not an environment of this platform",
                        "known: [dev, prod]");
        yamlTenants("yaml catalog: alias bomb", "tenants:\n" + "  x: &x [a, b]\n" + "  y: [*x, *x, *x, *x, *x, *x, *x, "
                + "*x, *x, *x]\n".repeat(1) + ("  z: [" + "*x, ".repeat(60) + "*x]\n"))
                .is("tenants.yaml:4", "tenants.z.40", "uses more than 50 aliases", "write the values out instead");
        yamlTenants("yaml catalog: deep nesting", "tenants: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000)
                + "\n")
                .is("tenants.yaml:1", "tenants.a.a.a.a.a.a.a.a.a.a.a", "nests lists and maps deeper than 50 levels",
                        "check the brackets and indentation");
        yamlTenants("yaml catalog: not a map", "- acme\n- globex\n")
                .is("tenants.yaml:1", "", "found a list", "expected a map with 'tenants:'");
    }

    private void secrets() {
        spec("secret: password as an env literal", service("env: {DATABASE_PASSWORD: hunter2}"))
                .is("platform.yaml:10", "services.gateway.env.DATABASE_PASSWORD.value",
                        "'DATABASE_PASSWORD' looks like a secret", "reference an existing Secret");
        spec("secret: token as a config literal", service("config:", "  literals: {API_TOKEN: abc123}"))
                .is("platform.yaml:11", "services.gateway.config.literals.API_TOKEN", "looks like a secret",
                        "reference an existing Secret");
        spec("secret: password as a chart value", SHOP + "backingServices:\n  db:\n    ports: [5432]\n"
                + "    chart:\n      repository: https://charts.example\n      version: 1.0.0\n"
                + "      values: {auth: {postgresPassword: hunter2}}\n")
                .is("platform.yaml:16", "backingServices.db.chart.values.auth.postgresPassword",
                        "looks like a secret", "existingSecret");
        spec("secret: password in an environment override", service("env: {LOG_LEVEL: info}")
                + "environments:\n  dev:\n    services:\n      gateway:\n        env: {ADMIN_PASSWORD: admin}\n")
                .is("platform.yaml:15", "environments.dev.services.gateway.env.ADMIN_PASSWORD.value",
                        "'ADMIN_PASSWORD' looks like a secret", "reference an existing Secret");
        spec("secret: private key in a config file", service("config:", "  files:",
                "    tls.key: \"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n\""))
                .is("platform.yaml:12", "services.gateway.config.files.tls.key", "private key",
                        "mount it from a Secret");
        spec("secret: password in an init container's command", service("initContainers:",
                "  - {name: migrate, image: \"flyway:10.0.0\", command: [flyway, -password=hunter2, migrate]}"))
                .is("platform.yaml:11", "services.gateway.initContainers.0.command.1", "looks like a secret",
                        "from a Secret");
    }

    // ---------------------------------------------------------------- building cases

    /** The shop with {@code lines} added to its service, the first on line {@value #NEXT_SERVICE_LINE}. */
    static String service(String... lines) {
        StringBuilder out = new StringBuilder(SHOP);
        for (String line : lines) {
            out.append("    ").append(line).append('\n');
        }
        return out.toString();
    }

    /** Random bytes, most of them not UTF-8, with NULs. */
    static byte[] junk(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0xff;
        return bytes;
    }

    private Builder spec(String name, String text) {
        return spec(name, text, StandardCharsets.UTF_8);
    }

    private Builder spec(String name, String text, java.nio.charset.Charset charset) {
        return spec(name, text.getBytes(charset));
    }

    private Builder spec(String name, byte[] bytes) {
        Builder b = new Builder(name, "platform.yaml");
        b.files.put("platform.yaml", bytes);
        return b;
    }

    private Builder tenants(String name, String csv) {
        return tenants(name, csv, StandardCharsets.UTF_8);
    }

    private Builder tenants(String name, String csv, java.nio.charset.Charset charset) {
        return tenants(name, csv.getBytes(charset));
    }

    private Builder tenants(String name, byte[] csv) {
        return spec(name, ISP).with("tenants.csv", csv);
    }

    private Builder yamlTenants(String name, String yaml) {
        return spec(name, ISP.replace("catalog: tenants.csv", "catalog: tenants.yaml")).with("tenants.yaml", yaml);
    }

    private final class Builder {
        private final String name;
        private final String spec;
        private final Map<String, byte[]> files = new LinkedHashMap<>();

        Builder(String name, String spec) {
            this.name = name;
            this.spec = spec;
        }

        Builder with(String file, String text) {
            return with(file, text.getBytes(StandardCharsets.UTF_8));
        }

        Builder with(String file, byte[] bytes) {
            files.put(file, bytes);
            return this;
        }

        void is(String location, String path, String what, String todo) {
            cases.add(new Case(name, spec, Map.copyOf(files), location, path,
                    todo.isEmpty() ? List.of(what) : List.of(what, todo)));
        }
    }
}
