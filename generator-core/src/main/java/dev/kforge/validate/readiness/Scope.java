package dev.kforge.validate.readiness;

import dev.kforge.validate.Findings;

/**
 * What a check runs over: the objects, what is assumed beyond them, where findings go, and the NetworkPolicies'
 * verdicts.
 */
record Scope(ObjectSet set, Assumptions assumptions, Findings findings, Reachability reachability) {

    Scope(ObjectSet set, Assumptions assumptions, Findings findings) {
        this(set, assumptions, findings, new Reachability(set));
    }
}
