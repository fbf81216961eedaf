package com.marketreactions.producers.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one CSV line into cells. Cells may be double-quoted (a comma inside, {@code ""} for a quote), as
 * in RFC 4180, but a record never spans lines. Cells are returned untrimmed.
 */
final class Csv {

    private Csv() {}

    static List<String> split(String line) throws BadLineException {
        if (line.indexOf('"') < 0) {
            return Arrays.asList(line.split(",", -1));
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    cell.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == '"') {
                throw new BadLineException("stray quote in column " + (cells.size() + 1));
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new BadLineException("unterminated quote in column " + (cells.size() + 1));
        }
        cells.add(cell.toString());
        return cells;
    }
}
