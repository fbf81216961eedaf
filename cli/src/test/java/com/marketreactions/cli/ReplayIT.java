package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.stack.StackOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The replay scenarios on the embedded stack: a real KRaft broker in this JVM and a real Apicurio Registry. */
class ReplayIT extends ReplayScenarios {

    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start(new StackOptions(0, 0, null, false, Duration.ofSeconds(90)));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    ClientConfigs clients() {
        return ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
    }
}
