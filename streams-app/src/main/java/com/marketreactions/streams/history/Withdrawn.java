package com.marketreactions.streams.history;

/** A trade a cancel or a correction withdrew from the history: its time, price and size (millionths of a share). */
public record Withdrawn(long ts, double price, long size) {}
