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

    /** What happens when a run is due while the last one still runs. */
    public static final List<String> CONCURRENCY_POLICIES = List.of("Forbid", "Allow", "Replace");
    private static final List<String> MACROS =
            List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final Pattern FIELD = Pattern.compile("(\\*|\\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/[0-9]+)?"
            + "(,(\\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/[0-9]+)?)*");
    /** Allowed values per field, as the CronJob controller's parser (robfig/cron) takes them: no 7 for Sunday. */
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
    private static final List<List<String>> NAMES = List.of(List.of(), List.of(), List.of(),
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
            List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));
    private static final List<String> VALUES = List.of("a number", "a number", "a number",
            "a number or month name like JAN", "a number or day name like MON");

    public Schedule {
        concurrencyPolicy = concurrencyPolicy == null ? "Forbid" : concurrencyPolicy;
        Checks c = new Checks().required(cron, "cron");
        if (cron != null) {
            String problem = cronProblem(cron);
            c.require(problem == null, "cron", "'" + Checks.printable(cron) + "' is not a cron expression: " + problem
                    + "; write five fields (minute hour day-of-month month day-of-week) or a macro like @hourly");
        }
        c.require(CONCURRENCY_POLICIES.contains(concurrencyPolicy), "concurrencyPolicy",
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
            for (String part : fields[i].split(",")) {
                String problem = partProblem(part, i);
                if (problem != null) {
                    return "field " + (i + 1) + " " + problem;
                }
            }
        }
        return null;
    }

    /** What is wrong with one {@code range[/step]} of field {@code i}, or {@code null}. */
    private static String partProblem(String part, int i) {
        String[] rangeAndStep = part.split("/");
        if (rangeAndStep.length == 2 && rangeAndStep[1].matches("0+")) {
            return "step " + rangeAndStep[1] + " is not positive";
        }
        if (rangeAndStep[0].equals("*") || rangeAndStep[0].equals("?")) {
            return null;
        }
        String[] ends = rangeAndStep[0].split("-");
        long[] values = new long[ends.length];
        for (int e = 0; e < ends.length; e++) {
            if (ends[e].matches("[0-9]+")) {
                values[e] = Long.parseLong(ends[e].length() > 9 ? "999999999" : ends[e]);
                if (values[e] < RANGES[i][0] || values[e] > RANGES[i][1]) {
                    return "value " + ends[e] + " is outside " + RANGES[i][0] + "-" + RANGES[i][1];
                }
            } else {
                int index = NAMES.get(i).indexOf(ends[e].toUpperCase(java.util.Locale.ROOT));
                if (index < 0) {
                    return "'" + ends[e] + "' is not " + VALUES.get(i);
                }
                values[e] = RANGES[i][0] + index;
            }
        }
        return values.length == 2 && values[0] > values[1] ? "range " + rangeAndStep[0] + " runs backwards" : null;
    }
}
