package com.marketreactions.streams.calibration;

import java.util.Arrays;
import java.util.List;

/**
 * The placebo markets a calibration draws: {@code -Dreactions.calibration.seeds=2026,7,11} a market of each, tallied
 * together (placebos of different draws are never one cluster); {@code -Dreactions.calibration.seed=N} one; 2026
 * unless told.
 */
final class CalibrationSeeds {

    private CalibrationSeeds() {}

    static List<Long> fromProperties() {
        String list = System.getProperty("reactions.calibration.seeds");
        if (list == null) {
            return List.of(Long.getLong("reactions.calibration.seed", 2026));
        }
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .map(Long::valueOf)
                .toList();
    }
}
