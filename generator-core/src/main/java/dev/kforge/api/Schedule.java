package dev.kforge.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * When and how a scheduled job runs (a CronJob).
 *
 * @param cron                       five-field cron expression or a macro ({@code @hourly}, {@code @monthly}, …)
 * @param timeZone                   IANA time zone ({@code Europe/Berlin}), or {@code null} for the controller's
 * @param concurrencyPolicy          {@code Forbid} (default), {@code Allow} or {@code Replace}
 * @param startingDeadlineSeconds    how late a missed run may still start, or {@code null}
 * @param activeDeadlineSeconds      how long a run may take, or {@code null}
 * @param backoffLimit               retries before a run fails; default 2
 * @param successfulJobsHistoryLimit finished runs kept; default 3
 * @param failedJobsHistoryLimit     failed runs kept; default 3
 * @param suspend                    true to pause the schedule
 */
public record Schedule(String cron, String timeZone, String concurrencyPolicy, Long startingDeadlineSeconds,
                       Long activeDeadlineSeconds, int backoffLimit, int successfulJobsHistoryLimit,
                       int failedJobsHistoryLimit, boolean suspend) {

    private static final List<String> MACROS =
            List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final Pattern FIELD = Pattern.compile("(\\*|\\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/[0-9]+)?"
            + "(,(\\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/[0-9]+)?)*");
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};

    public Schedule {
        concurrencyPolicy = concurrencyPolicy == null ? "Forbid" : concurrencyPolicy;
        Checks c = new Checks().required(cron, "cron");
        if (cron != null) {
            String problem = cronProblem(cron);
            c.require(problem == null, "cron", "'" + Checks.printable(cron) + "' is not a cron expression: " + problem
                    + "; write five fields (minute hour day-of-month month day-of-week) or a macro like @hourly");
        }
        c.require(List.of("Forbid", "Allow", "Replace").contains(concurrencyPolicy), "concurrencyPolicy",
                        "'" + concurrencyPolicy + "' is not Forbid, Allow or Replace")
                .require(timeZone == null || timeZone.matches("[A-Za-z_]+(/[A-Za-z0-9_+-]+)*"), "timeZone",
                        "'" + timeZone + "' is not an IANA time zone like Europe/Berlin")
                .atLeast(startingDeadlineSeconds, 10, "startingDeadlineSeconds")
                .atLeast(activeDeadlineSeconds, 1, "activeDeadlineSeconds")
                .between(backoffLimit, 0, 100, "backoffLimit")
                .between(successfulJobsHistoryLimit, 0, 100, "successfulJobsHistoryLimit")
                .between(failedJobsHistoryLimit, 0, 100, "failedJobsHistoryLimit")
                .done();
    }

    /** A schedule with the defaults: Forbid, 2 retries, 3 runs kept each way. */
    public static Schedule of(String cron) {
        return new Schedule(cron, null, null, null, null, 2, 3, 3, false);
    }

    /** This schedule, suspended or not. */
    public Schedule withSuspend(boolean value) {
        return new Schedule(cron, timeZone, concurrencyPolicy, startingDeadlineSeconds, activeDeadlineSeconds,
                backoffLimit, successfulJobsHistoryLimit, failedJobsHistoryLimit, value);
    }

    private static String cronProblem(String cron) {
        String trimmed = cron.trim();
        if (trimmed.startsWith("@")) {
            return MACROS.contains(trimmed) ? null : "unknown macro " + trimmed;
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5) {
            return "it has " + fields.length + " fields, not 5";
        }
        for (int i = 0; i < 5; i++) {
            if (!FIELD.matcher(fields[i]).matches()) {
                return "field " + (i + 1) + " '" + fields[i] + "' is malformed";
            }
            for (String number : fields[i].split("[^0-9]+")) {
                if (!number.isEmpty() && !fields[i].contains("/" + number)) {
                    long n = Long.parseLong(number.length() > 9 ? "999999999" : number);
                    if (n < RANGES[i][0] || n > RANGES[i][1]) {
                        return "field " + (i + 1) + " value " + number + " is outside " + RANGES[i][0] + "-"
                                + RANGES[i][1];
                    }
                }
            }
        }
        return null;
    }
}
