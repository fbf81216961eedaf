package com.marketreactions.producers.files;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one publish did.
 *
 * @param source the file as given, or a description of a generated source
 * @param topic the topic name
 * @param published records acknowledged by the broker
 * @param badLines lines skipped as bad (only with skipBad; otherwise nothing is published when any is bad)
 * @param errors the first {@link LineErrors#LIMIT} bad lines
 * @param lastOffsets per partition (sorted), the offset of the last record published there; a consumer has seen
 *     everything of this publish once its position on each partition is greater than this offset
 * @param leftOut lines the file's layout leaves out by its rules (e.g. cancelled trades), by reason
 */
public record PublishResult(
        String source,
        String topic,
        long published,
        long badLines,
        List<LineError> errors,
        Map<Integer, Long> lastOffsets,
        Map<String, Long> leftOut) {

    public PublishResult {
        errors = List.copyOf(errors);
        lastOffsets = Collections.unmodifiableMap(new TreeMap<>(lastOffsets));
        leftOut = Collections.unmodifiableMap(new TreeMap<>(leftOut));
    }

    /** {@code left out by the layout's rules: 3 (2 correction 8 ..., 1 condition 2 ...)}, or empty. */
    public String leftOutSummary() {
        long n = leftOut.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(n + " lines left out by the format's rules (");
        leftOut.forEach((why, k) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ")
                .append(k)
                .append(' ')
                .append(why));
        return b.append(')').toString();
    }

    /** The bad lines, one per line, with {@code ... and N more bad lines} past the limit. */
    public List<String> report() {
        return LineErrors.render(errors, badLines);
    }
}
