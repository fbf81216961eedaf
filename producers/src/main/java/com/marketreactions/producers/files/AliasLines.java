package com.marketreactions.producers.files;

import java.util.List;

/**
 * Parses alias CSV lines {@code alias,ticker}, e.g. {@code Amazon Web Services,AMZN}; an alias containing a
 * comma is double-quoted. An optional header {@code alias,ticker} may come first. The alias is kept as
 * written (trimmed); the ticker is upper-cased.
 */
public final class AliasLines implements LineParser<Alias> {

    @Override
    public boolean isHeader(String line) {
        String[] c = line.split(",", -1);
        return c.length == 2
                && c[0].trim().equalsIgnoreCase("alias")
                && c[1].trim().equalsIgnoreCase("ticker");
    }

    @Override
    public Alias parse(String line) throws BadLineException {
        List<String> c = Csv.split(line);
        if (c.size() != 2) {
            throw new BadLineException("expected 2 columns (alias,ticker), got " + c.size());
        }
        String alias = c.get(0).trim();
        if (alias.isEmpty()) {
            throw new BadLineException("alias is required");
        }
        return new Alias(alias, Fields.ticker("ticker", c.get(1)));
    }
}
