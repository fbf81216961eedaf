package com.marketreactions.producers.files;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A vendor file's header: its columns by name, so that a file with extra or reordered columns still reads. */
final class CsvHeader {

    private final String format;
    private final Map<String, Integer> index = new HashMap<>();
    private final int columns;

    CsvHeader(String format, String headerLine) {
        this.format = format;
        List<String> names;
        try {
            names = Csv.split(headerLine);
        } catch (BadLineException e) {
            throw new BadInputException("the " + format + " header is not CSV: " + e.getMessage());
        }
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        columns = names.size();
    }

    /** The index of a column the format needs. */
    int required(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new BadInputException("the " + format + " header has no column '" + name + "'"
                    + (name.equals("symbol") ? " (Databento writes it when symbols are mapped: map_symbols)" : ""));
        }
        return i;
    }

    /** How many columns the header names. */
    int columns() {
        return columns;
    }

    /** The first column whose name is not one of {@code known} (lower case), or null. */
    String unknown(List<String> known) {
        return index.keySet().stream()
                .filter(n -> !known.contains(n))
                .sorted()
                .findFirst()
                .orElse(null);
    }

    /** The index of a column the format can do without, or -1. */
    int optional(String name) {
        return index.getOrDefault(name, -1);
    }

    /** The cells of a data line, which must have as many as the header. */
    List<String> cells(String line) throws BadLineException {
        List<String> c = Csv.split(line);
        if (c.size() != columns) {
            throw new BadLineException(
                    "expected " + columns + " columns as in the " + format + " header, got " + c.size());
        }
        return c;
    }

    static String cell(List<String> cells, int index) {
        return index < 0 ? "" : cells.get(index).trim();
    }
}
