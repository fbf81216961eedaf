package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.streams.ReactionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each setting is defined once, in {@link Settings}: the configuration record's defaults and the table users read in
 * docs/configuration.md must say the same, or this fails.
 */
class SettingsDefinedOnceTest {

    @Test
    void theCliDefaultsAreTheConfigRecordsDefaults() {
        assertEquals(ReactionConfig.defaults(), Settings.load(null, Map.of()).reactionConfig());
    }

    @Test
    void theDocsTableListsEveryKeyWithItsDefaultInOrder() throws IOException {
        List<String> expected = Arrays.stream(Settings.KEYS)
                .map(k -> k.name() + " = " + (k.dflt().isEmpty() ? "(empty)" : k.dflt()))
                .toList();
        assertEquals(expected, documentedDefaults(Path.of("..", "docs", "configuration.md")));
    }

    /** The rows of the {@code | Key | Default | Meaning |} table, as {@code key = default}. */
    private static List<String> documentedDefaults(Path doc) throws IOException {
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| Key | Default | Meaning |")) {
                inTable = true;
            } else if (inTable && !line.startsWith("|")) {
                break;
            } else if (inTable && !line.startsWith("|--") && !line.startsWith("| --")) {
                String[] cells = line.split("(?<!\\\\)\\|");
                rows.add(unquote(cells[1]) + " = " + unquote(cells[2]));
            }
        }
        return rows;
    }

    private static String unquote(String cell) {
        String c = cell.trim();
        return c.startsWith("`") && c.endsWith("`") ? c.substring(1, c.length() - 1) : c;
    }
}
