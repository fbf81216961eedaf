package com.marketreactions.streams.pending;

import com.marketreactions.streams.reaction.Estimate;

/**
 * An estimate, whether the history it was computed from may have lost ticks to retention, and whether it is
 * final (both the ticker's and the benchmark's time past T0 + G: nothing can change it any more).
 */
public record Estimated(Estimate estimate, boolean truncated, boolean settled) {}
