package com.marketreactions.producers.files;

/**
 * One row of the alias table: a name that may appear in news text, and the ticker it stands for.
 * Published to the compacted aliases topic with key = alias, value = ticker.
 */
public record Alias(String alias, String ticker) {}
