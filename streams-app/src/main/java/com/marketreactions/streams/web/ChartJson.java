package com.marketreactions.streams.web;

import com.marketreactions.common.RecordJson;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.Horizon;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chart as the page's script reads it (report and live page alike): epoch milliseconds, returns as fractions. */
public final class ChartJson {

    private ChartJson() {}

    /**
     * @param id the chart's id on its page
     * @param zone the exchange's time zone, in which the page shows the chart's times
     */
    public static Map<String, Object> of(ReactionChart c, int id, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        MarketReaction first = c.reactions().get(0);
        m.put("id", id);
        m.put("newsId", c.newsId());
        m.put("ticker", c.ticker());
        m.put("benchmark", c.benchmark());
        m.put("headline", first.getHeadline());
        m.put("source", first.getSource());
        m.put("t0", c.t0());
        m.put("zone", zone.getId());
        // the story, from any horizon that carries one (all of them do, or the short ones none)
        MarketReaction story = c.reactions().stream()
                .filter(r -> r.getStoryId() != null)
                .findFirst()
                .orElse(null);
        m.put("storyId", story == null ? null : story.getStoryId());
        m.put("repeat", story == null ? null : story.getRepeat());
        m.put("x", c.x());
        m.put("stock", c.stock());
        m.put("bench", c.bench());
        m.put("expected", c.expected());
        m.put("lower", c.lower());
        m.put("upper", c.upper());
        m.put("volume", c.volume());
        m.put("trades", c.trades());
        m.put("normalVolume", c.normalVolume());
        m.put("markers", c.markers());
        List<Map<String, Object>> rs = new ArrayList<>();
        for (MarketReaction r : c.reactions()) {
            rs.add(reaction(r));
        }
        m.put("reactions", rs);
        return m;
    }

    /** A reaction's fields as in the JSON lines of a replay, plus its horizon's length for ordering. */
    public static Map<String, Object> reaction(MarketReaction r) {
        Map<String, Object> rm = RecordJson.toMap(r);
        rm.put("horizonMillis", Horizon.parse(r.getHorizon()).millis());
        return rm;
    }

    /** JSON that can stand inside a {@code <script>} element: no "</script>" or "<!--" whatever the data says. */
    public static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
