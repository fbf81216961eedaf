package com.marketreactions.streams.differential;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ResidualHours;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * Field-by-field comparison of two MarketReactions over every field of the Avro schema (so a field added
 * later is compared too): doubles to 1e-9 relative or 1e-12 absolute, the set-valued fields (flags,
 * newsTickers) as sets without duplicates, everything else exactly; null only where the other is null.
 */
public final class ReactionDiff {

    static final double REL = 1e-9;
    static final double ABS = 1e-12;

    private ReactionDiff() {}

    /** "field: expected X, got Y" for every differing field; empty when they agree. */
    public static List<String> diff(MarketReaction expected, MarketReaction actual) {
        return diff(expected, actual, null);
    }

    /** As {@link #diff(MarketReaction, MarketReaction)} over the named fields only (null: every field). */
    public static List<String> diff(MarketReaction expected, MarketReaction actual, Set<String> fields) {
        List<String> out = new ArrayList<>();
        for (Schema.Field f : MarketReaction.getClassSchema().getFields()) {
            if (fields != null && !fields.contains(f.name())) {
                continue;
            }
            Object e = expected.get(f.pos());
            Object a = actual.get(f.pos());
            if (!agree(f.name(), e, a)) {
                out.add(f.name() + ": expected " + e + ", got " + a);
            }
        }
        return out;
    }

    private static boolean agree(String field, Object e, Object a) {
        if (e == null || a == null) {
            return e == null && a == null;
        }
        if (e instanceof Double de && a instanceof Double da) {
            return closeEnough(de, da);
        }
        if (e instanceof ResidualHours he && a instanceof ResidualHours ha) {
            return he.getFirstHour() == ha.getFirstHour() && agree("z", he.getZ(), ha.getZ());
        }
        if (field.equals("flags") || field.equals("newsTickers")) {
            List<String> le = strings(e);
            List<String> la = strings(a);
            return new TreeSet<>(le).equals(new TreeSet<>(la)) && new TreeSet<>(la).size() == la.size();
        }
        if (e instanceof List<?> le && a instanceof List<?> la && !le.isEmpty() && le.get(0) instanceof Double) {
            if (le.size() != la.size()) {
                return false;
            }
            for (int i = 0; i < le.size(); i++) {
                if (!closeEnough((Double) le.get(i), (Double) la.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof CharSequence || a instanceof CharSequence) {
            return e.toString().equals(a.toString());
        }
        return Objects.equals(e, a);
    }

    public static boolean closeEnough(double e, double a) {
        if (Double.isNaN(e) || Double.isNaN(a) || Double.isInfinite(e) || Double.isInfinite(a)) {
            return Double.compare(e, a) == 0;
        }
        double d = Math.abs(e - a);
        return d <= ABS || d <= REL * Math.max(Math.abs(e), Math.abs(a));
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
