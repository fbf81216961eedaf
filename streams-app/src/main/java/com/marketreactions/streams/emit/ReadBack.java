package com.marketreactions.streams.emit;

import com.marketreactions.schema.MarketReaction;
import java.util.List;
import org.apache.avro.Schema;

/**
 * What of a FINAL read back from the reaction topic each aggregator gets through its repartition topic: a shallow
 * copy without the fields it never reads. A FINAL is written to the impact's topic once and to the study's once per
 * group (four or five), and its CAR path (up to 426 points at P1D) and the ticker list of a sector news (up to
 * fifty) were most of those bytes and of the stream thread's time encoding them.
 */
public final class ReadBack {

    private ReadBack() {}

    /** For the per-news impact, which reads every field but the CAR path. */
    public static MarketReaction forImpact(MarketReaction r) {
        MarketReaction c = copy(r);
        c.setCarAt(List.of());
        c.setCar(List.of());
        c.setResidualHours(null);
        return c;
    }

    /**
     * For the event study, whose groups are chosen before the copy: it reads the abnormal return, z, estimation
     * points and positive share, and the CAR path, whose points follow from the horizon ({@code
     * EventStudyMath.Observation}), the residual hours and the flags (a late news event's reaction is paired with no
     * other ticker's).
     */
    public static MarketReaction forStudy(MarketReaction r) {
        MarketReaction c = copy(r);
        c.setCarAt(List.of());
        c.setNewsTickers(List.of());
        c.setHeadline(null);
        c.setTags(List.of());
        return c;
    }

    private static MarketReaction copy(MarketReaction r) {
        MarketReaction c = new MarketReaction();
        for (Schema.Field f : MarketReaction.getClassSchema().getFields()) {
            c.put(f.pos(), r.get(f.pos()));
        }
        return c;
    }
}
