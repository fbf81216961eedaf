package com.marketreactions.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Renders an Avro record as one line of JSON: fields in schema order and with schema names, instants as
 * ISO-8601 strings, enums as their names, nulls kept. This is the JSON that {@code replay} writes.
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private RecordJson() {}

    public static Map<String, Object> toMap(SpecificRecord record) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Schema.Field f : record.getSchema().getFields()) {
            m.put(f.name(), plain(record.get(f.pos())));
        }
        return m;
    }

    public static String toJson(SpecificRecord record) {
        try {
            return MAPPER.writeValueAsString(toMap(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot render " + record.getSchema().getName() + " as JSON", e);
        }
    }

    /** A JSON array of records, each as {@link #toJson}. */
    public static String toJsonArray(List<? extends SpecificRecord> records) {
        try {
            return MAPPER.writeValueAsString(
                    records.stream().map(RecordJson::toMap).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render records as JSON", e);
        }
    }

    private static Object plain(Object v) {
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        if (v instanceof SpecificRecord r) {
            return toMap(r);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }
}
