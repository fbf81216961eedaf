package com.marketreactions.streams.reaction;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The exchange's day as the z-score sees it (docs/method.md#the-window-variance).
 *
 * @param zone the exchange's time zone: the parts of the day and the nights follow its clock
 * @param nightRatio the variance of a night as a share of a trading day's, assumed before the estimation window's
 *                   own nights are counted (it weighs as {@value VarianceProfile#PRIOR_NIGHTS} nights)
 */
public record SessionConfig(ZoneId zone, double nightRatio) {

    public SessionConfig {
        Objects.requireNonNull(zone, "zone");
        if (!(nightRatio >= 0 && nightRatio <= 10)) {
            throw new IllegalArgumentException("nightRatio: must be in [0, 10], got " + nightRatio);
        }
    }

    /** New York's clock; a night about a third of a trading day's variance (a quarter of the whole day's). */
    public static SessionConfig defaults() {
        return new SessionConfig(ZoneId.of("America/New_York"), 0.33);
    }
}
