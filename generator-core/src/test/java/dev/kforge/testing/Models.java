package dev.kforge.testing;

import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.api.Resources;
import dev.kforge.api.Schedule;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Storage;

import java.util.List;

/** Valid building blocks for model tests, and a way to catch the problems of an invalid one. */
public final class Models {

    private Models() {
    }

    /** Something that builds a model value and may throw {@link ModelException}. */
    @FunctionalInterface
    public interface Build {
        void run();
    }

    /** The problems {@code build} throws; fails the test if it throws none. */
    public static List<Problem> problemsOf(Build build) {
        try {
            build.run();
        } catch (ModelException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ModelException, but the value was built");
    }

    /** Valid resources: 100m-500m CPU, 128Mi-256Mi memory. */
    public static Resources resources() {
        return new Resources("100m", "500m", "128Mi", "256Mi");
    }

    /** A valid web service with one port {@code http: 8080}. */
    public static Service.Builder web(String name) {
        return Service.builder(name, ServiceKind.WEB_SERVICE).image("acme/" + name + ":1.0.0").port("http", 8080)
                .resources(resources());
    }

    /** A valid worker without ports. */
    public static Service.Builder worker(String name) {
        return Service.builder(name, ServiceKind.WORKER).image("acme/" + name + ":1.0.0").resources(resources());
    }

    /** A valid scheduled job running every night. */
    public static Service.Builder job(String name) {
        return Service.builder(name, ServiceKind.SCHEDULED_JOB).image("acme/" + name + ":1.0.0")
                .resources(resources()).schedule(Schedule.of("0 2 * * *"));
    }

    /** A valid stateful service with 10Gi of storage. */
    public static Service.Builder stateful(String name) {
        return Service.builder(name, ServiceKind.STATEFUL_SERVICE).image("acme/" + name + ":1.0.0")
                .port("db", 5432).resources(resources()).storage(new Storage("10Gi", null, null, null));
    }
}
