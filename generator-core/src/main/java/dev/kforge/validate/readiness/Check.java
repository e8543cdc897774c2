package dev.kforge.validate.readiness;

import dev.kforge.validate.PolicyRules;

import java.util.List;

/** One readiness rule, or a few that share one idea (references that resolve, say), over a whole set of objects. */
interface Check {

    /** The rules this check reports, each with its id, severity and description. */
    List<PolicyRules.Rule> rules();

    /** Reports every finding of its rules in {@code scope}. */
    void check(Scope scope);
}
