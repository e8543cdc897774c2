package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    private static final String HOW = "; write five fields (minute hour day-of-month month day-of-week) or a macro "
            + "like @hourly";

    @Test
    void of_whenCron_thenDefaults() {
        // given
        String cron = "0 2 * * *";
        // when
        Schedule schedule = Schedule.of(cron);
        // then
        assertThat(schedule).isEqualTo(new Schedule("0 2 * * *", null, "Forbid", null, null, 2, 3, 3, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "0 2 * * *", "*/15 * * * *", "0 9-17 * * 1-5", "0,30 8,20 1,15 * *",
            "5 4 * * 0", "0 0 1 1 *", "59 23 31 12 6", "0 0 ? * *", "0 0 * JAN MON", "0 0 * 1-12/3 *",
            "  0 2 * * *  ", "0\t2 * * *"})
    void of_whenFiveFields_thenAccepted(String cron) {
        // given five valid fields
        // when
        Schedule schedule = Schedule.of(cron);
        // then
        assertThat(schedule.cron()).isEqualTo(cron);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"})
    void of_whenMacro_thenAccepted(String macro) {
        // given a macro
        // when
        Schedule schedule = Schedule.of(macro);
        // then
        assertThat(schedule.cron()).isEqualTo(macro);
    }

    @Test
    void of_whenUnknownMacro_thenNamesIt() {
        // given
        String cron = "@every5m";
        // when
        var problems = problemsOf(() -> Schedule.of(cron));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cron", "'@every5m' is not a cron expression: unknown macro @every5m" + HOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "61 * * * *    | field 1 value 61 is outside 0-59",
            "0 24 * * *    | field 2 value 24 is outside 0-23",
            "0 0 0 * *     | field 3 value 0 is outside 1-31",
            "0 0 32 * *    | field 3 value 32 is outside 1-31",
            "0 0 * 13 *    | field 4 value 13 is outside 1-12",
            "0 0 * 0 *     | field 4 value 0 is outside 1-12",
            "0 0 * * 8     | field 5 value 8 is outside 0-6",
            "0 0 * * 7     | field 5 value 7 is outside 0-6",
            "0 0 * * 5-7   | field 5 value 7 is outside 0-6",
            "0-61/61 * * * * | field 1 value 61 is outside 0-59",
            "0 9-25 * * *  | field 2 value 25 is outside 0-23",
            "0,60 * * * *  | field 1 value 60 is outside 0-59",
            "99999999999 * * * * | field 1 value 99999999999 is outside 0-59",
    })
    void of_whenValueOutOfRange_thenNamesFieldValueAndRange(String cron, String problem) {
        // given a value outside its field's range
        // when
        var problems = problemsOf(() -> Schedule.of(cron));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cron", "'" + cron + "' is not a cron expression: " + problem + HOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0 2 * *         | it has 4 fields, not 5",
            "0 0 2 * * *     | it has 6 fields, not 5",
            "*               | it has 1 fields, not 5",
    })
    void of_whenWrongFieldCount_thenSaysHowMany(String cron, String problem) {
        // given the wrong number of fields
        // when
        var problems = problemsOf(() -> Schedule.of(cron));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cron", "'" + cron + "' is not a cron expression: " + problem + HOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "*/ * * * *      | field 1 '*/' is malformed",
            "0 2 * * MON-    | field 5 'MON-' is malformed",
            "0 ** * * *      | field 2 '**' is malformed",
            "0 2 * * 1,,2    | field 5 '1,,2' is malformed",
    })
    void of_whenFieldMalformed_thenNamesIt(String cron, String problem) {
        // given a malformed field
        // when
        var problems = problemsOf(() -> Schedule.of(cron));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cron", "'" + cron + "' is not a cron expression: " + problem + HOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "x * * * *       | field 1 'x' is not a number",
            "0 2 L * *       | field 3 'L' is not a number",
            "0 2 * FOO *     | field 4 'FOO' is not a number or month name like JAN",
            "0 2 * * JAN     | field 5 'JAN' is not a number or day name like MON",
            "0 2 * MON *     | field 4 'MON' is not a number or month name like JAN",
            "0 2 * * MON-FRY | field 5 'FRY' is not a number or day name like MON",
    })
    void of_whenWordIsNotANameOfTheField_thenRejected(String cron, String problem) {
        // given letters where the field takes no such name
        // when
        var problems = problemsOf(() -> Schedule.of(cron));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cron", "'" + cron + "' is not a cron expression: " + problem + HOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "*/0 * * * *     | field 1 step 0 is not positive",
            "0 0-23/00 * * * | field 2 step 00 is not positive",
            "0 17-9 * * *    | field 2 range 17-9 runs backwards",
            "0 0 * DEC-JAN * | field 4 range DEC-JAN runs backwards",
            "0 0 * * FRI-MON | field 5 range FRI-MON runs backwards",
    })
    void of_whenStepIsZeroOrRangeRunsBackwards_thenRejected(String cron, String problem) {
        // given a step or range the CronJob controller refuses
        // when
        var problems = problemsOf(() -> Schedule.of(cron));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cron", "'" + cron + "' is not a cron expression: " + problem + HOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 * jan-mar mon-fri", "0 0 * * SUN", "0 0 * * 0-6", "0 0 * Dec sat,sun",
            "5/15 * * * *", "0 0 1-31/2 * *", "30 6 * * 1-5/2", "0 0 * * 6-6"})
    void of_whenNamesRangesAndStepsAreValid_thenAccepted(String cron) {
        // given
        String expected = cron;
        // when
        Schedule schedule = Schedule.of(cron);
        // then
        assertThat(schedule.cron()).isEqualTo(expected);
    }

    @Test
    void of_whenNull_thenRequired() {
        // given no cron
        // when
        var problems = problemsOf(() -> Schedule.of(null));
        // then
        assertThat(problems).containsExactly(Problem.at("cron", "is required"));
    }

    @Test
    void of_whenCronHasANewline_thenMessageShowsItEscaped() {
        // given
        String cron = "0 2 * *\n*\n*";
        // when
        var problems = problemsOf(() -> Schedule.of(cron));
        // then
        assertThat(problems).containsExactly(Problem.at("cron",
                "'0 2 * *\\u000a*\\u000a*' is not a cron expression: it has 6 fields, not 5" + HOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Etc/GMT-14"})
    void new_whenIanaTimeZone_thenAccepted(String timeZone) {
        // given an IANA zone
        // when
        Schedule schedule = new Schedule("0 2 * * *", timeZone, null, null, null, 0, 0, 0, false);
        // then
        assertThat(schedule.timeZone()).isEqualTo(timeZone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+02:00", "Europe Berlin", "CET ", "Europe/", "/Berlin", ""})
    void new_whenNotATimeZone_thenRejected(String timeZone) {
        // given
        String cron = "0 2 * * *";
        // when
        var problems = problemsOf(() -> new Schedule(cron, timeZone, null, null, null, 2, 3, 3, false));
        // then
        assertThat(problems).containsExactly(Problem.at("timeZone",
                "'" + timeZone + "' is not an IANA time zone like Europe/Berlin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Forbid", "Allow", "Replace"})
    void new_whenConcurrencyPolicyKnown_thenAccepted(String policy) {
        // given
        String cron = "@daily";
        // when
        Schedule schedule = new Schedule(cron, null, policy, 10L, 1L, 100, 100, 100, true);
        // then
        assertThat(schedule.concurrencyPolicy()).isEqualTo(policy);
        assertThat(schedule.suspend()).isTrue();
    }

    @Test
    void new_whenEveryNumberOutOfRange_thenEachIsReported() {
        // given
        String policy = "forbid";
        // when
        var problems = problemsOf(() -> new Schedule("@daily", null, policy, 9L, 0L, 101, -1, 101, false));
        // then
        assertThat(problems).containsExactly(
                Problem.at("concurrencyPolicy", "'forbid' is not Forbid, Allow or Replace"),
                Problem.at("startingDeadlineSeconds", "9 is below the minimum 10"),
                Problem.at("activeDeadlineSeconds", "0 is below the minimum 1"),
                Problem.at("backoffLimit", "101 is outside 0-100"),
                Problem.at("successfulJobsHistoryLimit", "-1 is outside 0-100"),
                Problem.at("failedJobsHistoryLimit", "101 is outside 0-100"));
    }

    @Test
    void withSuspend_whenTrue_thenOnlySuspendChanges() {
        // given
        Schedule schedule = new Schedule("0 2 * * *", "Europe/Berlin", "Replace", 60L, 3600L, 1, 2, 4, false);
        // when
        Schedule suspended = schedule.withSuspend(true);
        // then
        assertThat(suspended).isEqualTo(
                new Schedule("0 2 * * *", "Europe/Berlin", "Replace", 60L, 3600L, 1, 2, 4, true));
    }
}
