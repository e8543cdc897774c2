package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import dev.kforge.api.Tenant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant catalog: thousands of tenants in a CSV or YAML file beside the spec, every problem reported with the
 * catalog's own file and line.
 *
 * <p>CSV: a header row naming the columns {@code id, displayName, tier, licenseTier, plugins, domain,
 * environments} (any order; {@code displayName}, {@code plugins} and {@code environments} may be left out), then
 * one row per tenant; lists are separated by {@code ;}. Lines starting with {@code #} are comments.
 * YAML: {@code tenants:} mapping each id to {@code displayName, tier, licenseTier, plugins, domain,
 * environments}.
 */
final class TenantCatalog {

    static final List<String> COLUMNS = SpecFormat.TENANT_COLUMNS;
    private static final List<String> FIELDS = SpecFormat.TENANT.names();
    private static final List<String> REQUIRED = List.of("id", "tier", "licenseTier", "domain");

    private TenantCatalog() {
    }

    /** Reads a catalog's text; {@code source} names it in problems and decides the format by its ending. */
    static List<Tenant> read(Context cx, String source, String text) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return csv(cx, text);
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return yaml(cx, text);
        }
        cx.reportFile("a tenant catalog must be a .csv or .yaml file");
        return List.of();
    }

    private static List<Tenant> csv(Context cx, String text) {
        List<Tenant> out = new ArrayList<>();
        int lastLine = 1;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text),
                format)) {
            List<String> header = parser.getHeaderNames();
            if (!checkHeader(cx, header)) {
                return out;
            }
            Map<String, Long> firstLine = new HashMap<>();
            for (CSVRecord row : parser) {
                int line = (int) parser.getCurrentLineNumber();
                lastLine = line;
                if (row.size() != header.size()) {
                    // a path of its own, so that the problems of other rows are not taken for echoes of this one
                    cx.reportLine("tenants.row" + line, line, "has " + row.size() + " values but the header names "
                            + header.size() + " columns; quote values that contain ','");
                    continue;
                }
                String id = value(row, "id");
                String path = "tenants." + (id == null ? "?" : Checks.printable(id));
                Long first = id == null ? null : firstLine.putIfAbsent(id, (long) line);
                if (first != null) {
                    cx.reportLine(path, line, "tenant '" + Checks.printable(id) + "' is defined more than once "
                            + "(first on line " + first + "); ids must be unique");
                    continue;
                }
                Tenant tenant = build(cx, path, line, () -> new Tenant(id, value(row, "displayName"),
                        value(row, "tier"), value(row, "licenseTier"), list(value(row, "plugins")),
                        value(row, "domain"), list(value(row, "environments")), List.of(), value(row, "imageTag")));
                if (tenant != null) {
                    out.add(tenant);
                    cx.markExternal(path, cx.source() + ":" + line);
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // Commons CSV reports malformed quoting this way, as "(startline 4) ..." or "... at line: 4, ..."
            // located at the row that could not be read, which starts after the last row read
            String reason = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    .replaceAll("\\(startline [0-9]+\\) | at line: [0-9]+, position: [0-9]+", "");
            cx.reportLine("tenants", lastLine + 1, "is not valid CSV (" + Checks.printable(reason) + "); quote a "
                    + "value that holds ',' and write a '\"' inside quotes as '\"\"'");
        }
        return out;
    }

    private static boolean checkHeader(Context cx, List<String> header) {
        if (header.isEmpty()) {
            cx.reportLine("tenants", 1, "is empty; a catalog starts with a header row naming its columns: "
                    + String.join(",", COLUMNS) + ", then one row per tenant");
            return false;
        }
        boolean ok = true;
        List<String> suggested = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String column : header) {
            if (!seen.add(column)) {
                cx.reportLine("tenants", 1, "the column '" + Checks.printable(column) + "' is named twice; keep one");
                ok = false;
            } else if (!COLUMNS.contains(column)) {
                cx.reportLine("tenants", 1, Fields.unknownKey(column, COLUMNS).replace("key", "column"));
                suggested.add(Checks.closest(column, COLUMNS));
                ok = false;
            }
        }
        for (String column : REQUIRED) {
            // a misspelt column is reported once, with its suggestion, not also as missing
            if (!header.contains(column) && !suggested.contains(column)) {
                cx.reportLine("tenants", 1, "the header has no '" + column + "' column; columns: "
                        + String.join(",", COLUMNS));
                ok = false;
            }
        }
        return ok;
    }

    private static String value(CSVRecord row, String column) {
        if (!row.isMapped(column)) {
            return null;
        }
        String v = row.get(column);
        return v == null || v.isEmpty() ? null : v;
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Tenant build(Context cx, String path, int line, java.util.function.Supplier<Tenant> make) {
        try {
            return make.get();
        } catch (ModelException e) {
            for (Problem p : e.problems()) {
                cx.reportLine(p.under(path).path(), line, p.message());
            }
            return null;
        }
    }

    /** Reads a tenant's own services (its {@code instances:}) once the tenant itself is known. */
    interface ServicesReader {
        List<Service> read(Tenant tenant, Fields tenantFields);
    }

    /** The tenants of a {@code tenants:} map (id to settings) in a catalog: no instances. */
    static List<Tenant> tenants(Context cx, Fields tenants) {
        return tenants(cx, tenants, null);
    }

    /**
     * The tenants of a {@code tenants:} map (id to settings), in a catalog or inline in a spec; with
     * {@code services} non-null (inline in a spec) a tenant may list {@code instances}.
     */
    static List<Tenant> tenants(Context cx, Fields tenants, ServicesReader services) {
        List<Tenant> out = new ArrayList<>();
        List<String> allowed = services != null ? SpecFormat.INLINE_TENANT.names() : FIELDS;
        for (String id : tenants.keys()) {
            int before = cx.count();
            Fields f = tenants.map(id, "a map of tenant settings (" + String.join(", ", allowed) + ")", allowed);
            if (f == null) {
                continue;
            }
            String displayName = f.text("displayName");
            String tier = f.text("tier");
            String licenseTier = f.text("licenseTier");
            List<String> plugins = f.texts("plugins", "plugin names");
            String domain = f.text("domain");
            List<String> environments = f.texts("environments", "environment names");
            String imageTag = f.text("imageTag");
            if (cx.count() == before) {
                Tenant tenant = cx.build(f.path(), () -> new Tenant(id, displayName, tier, licenseTier, plugins,
                        domain, environments, List.of(), imageTag));
                if (tenant != null && services != null && f.has("instances")) {
                    List<Service> own = services.read(tenant, f);
                    tenant = cx.build(f.path(), () -> new Tenant(id, displayName, tier, licenseTier, plugins, domain,
                            environments, own, imageTag));
                }
                if (tenant != null) {
                    out.add(tenant);
                }
            }
        }
        return out;
    }

    private static List<Tenant> yaml(Context cx, String text) {
        List<Tenant> out = new ArrayList<>();
        Node root = YamlText.parse(cx, text);
        if (cx.count() > 0) {
            return out;
        }
        Fields top = Fields.of(cx, "", root, "a map with 'tenants:'", SpecFormat.TENANT_CATALOG.names());
        if (top == null) {
            return out;
        }
        Fields tenants = top.map("tenants", "a map of tenant id to tenant settings", null);
        if (tenants == null) {
            return out;
        }
        out.addAll(tenants(cx, tenants));
        return out;
    }
}
