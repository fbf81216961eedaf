package com.marketreactions.streams.topology;

import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import java.time.Duration;
import java.util.List;

final class TopologyFixtureConfigs {

    private TopologyFixtureConfigs() {}

    static ReactionConfig idle(Duration idle) {
        return ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M")))
                .withIdleTimeout(idle)
                .withProvisionalInterval(Duration.ZERO);
    }
}
