package com.marketreactions.streams.ops;

import com.marketreactions.common.RecordJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * A query's JSON, and whether it was cut to a bound: the client is told so by the header {@value #TRUNCATED}
 * ({@code true}), and the JSON keeps its shape (an array of what fit).
 */
record Answer(String json, boolean truncated) {

    static final String TRUNCATED = "X-Truncated";

    /**
     * The most UTF-8 bytes of one instance's list answer. A reaction's JSON is a few KB (its CAR path, the news'
     * tickers and tags) and tens of KB at the input limits, so a count alone does not bound the answer's size; half
     * of {@link Peers#MAX_ANSWER_BYTES}, so that another instance's list answer always fits what is read of it.
     */
    static final int MAX_LIST_BYTES = 8 * 1024 * 1024;

    static Answer of(String json) {
        return new Answer(json, false);
    }

    /**
     * A JSON array of {@code records} in their order, as {@link RecordJson#toJsonArray} writes it, ending before the
     * first record that would take it beyond {@link #MAX_LIST_BYTES}; truncated when that happened or when
     * {@code cut} says that records were left out before.
     */
    static Answer list(List<? extends SpecificRecord> records, boolean cut) {
        StringBuilder json = new StringBuilder("[");
        long bytes = 2; // the brackets
        for (SpecificRecord r : records) {
            String one = RecordJson.toJson(r);
            bytes += one.getBytes(StandardCharsets.UTF_8).length + (json.length() > 1 ? 1 : 0);
            if (bytes > MAX_LIST_BYTES) {
                return new Answer(json.append(']').toString(), true);
            }
            json.append(json.length() > 1 ? "," : "").append(one);
        }
        return new Answer(json.append(']').toString(), cut);
    }
}
