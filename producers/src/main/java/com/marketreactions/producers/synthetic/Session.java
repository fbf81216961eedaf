package com.marketreactions.producers.synthetic;

/** The part of a US equity trading day an instant falls in, by the America/New_York wall clock. */
public enum Session {
    /** 04:00–09:30 on a weekday: sparse trading. */
    PRE_MARKET,
    /** 09:30–16:00 on a weekday: the regular session. */
    REGULAR,
    /** 16:00–20:00 on a weekday: sparse trading. */
    AFTER_HOURS,
    /** Nights and weekends: no trading. */
    CLOSED
}
