package com.marketreactions.cli;

import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Awaitility as these tests wait: a wait that also ends as soon as the test's thread is interrupted, which is how
 * JUnit stops a test whose {@code @Timeout} ran out. Awaitility alone waits uninterruptibly (its polls sleep through
 * an interrupt and set it again afterwards; measured here: a test timed out after 40 s sat in a five-minute wait to
 * its end), so a hung test's cleanup, which closes the services, brokers and browsers it started, came only at the
 * wait's own limit. The check takes the interrupt (clears the flag) as it fails the wait, so that the cleanup runs
 * uninterrupted.
 */
final class Waits {

    private Waits() {}

    /** {@code Awaitility.await(what)} that fails as soon as the test is interrupted. */
    static ConditionFactory await(String what) {
        return Awaitility.await(what)
                .failFast("the test was interrupted (its @Timeout ran out)", (Callable<Boolean>) Thread::interrupted);
    }
}
