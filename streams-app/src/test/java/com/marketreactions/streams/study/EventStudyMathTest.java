package com.marketreactions.streams.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.differential.ReferenceStudy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class EventStudyMathTest {

    private static final double EPS = 1e-9;

    private static EventStudyMath.Observation obs(double car, double sar, int m, Double p) {
        return new EventStudyMath.Observation(car, sar, m, p, List.of(60_000L, 120_000L), List.of(car / 2, car));
    }

    private static StudySums fold(List<EventStudyMath.Observation> os) {
        StudySums s = EventStudyMath.empty();
        for (EventStudyMath.Observation o : os) {
            s = EventStudyMath.add(s, o);
        }
        return s;
    }

    @Test
    void aTextbookSizedExampleByHand() {
        // CAR 1%, 2%, 3%; SAR 1, 2, 3; M = 10 each; half the estimation returns positive
        List<EventStudyMath.Observation> os =
                new ArrayList<>(List.of(obs(0.01, 1, 10, 0.5), obs(0.02, 2, 10, 0.5), obs(0.03, 3, 10, 0.5)));
        os.add(null); // a reaction without a model
        EventStudy r = EventStudyMath.result("all", "P1D", fold(os));
        assertEquals(3, r.getN());
        assertEquals(1, r.getExcluded());
        assertEquals(0.02, r.getCaar(), EPS);
        // s(CAR) = 0.01: t = 0.02 / (0.01 / sqrt 3) = 2 sqrt 3; with 2 df, F(t) = 1/2 + t / (2 sqrt(2 + t^2))
        double t = 2 * Math.sqrt(3);
        assertEquals(t, r.getCsectT(), EPS);
        assertEquals(2 * (0.5 - t / (2 * Math.sqrt(2 + t * t))), r.getCsectP(), EPS);
        // Patell: 6 / sqrt(3 * 8/6) = 3
        assertEquals(3.0, r.getPatellZ(), EPS);
        assertEquals(0.0026997960632601866, r.getPatellP(), 1e-12);
        // BMP: mean SAR 2, s(SAR) 1: 2 sqrt 3, the same p as the cross-sectional t here
        assertEquals(t, r.getBmpT(), EPS);
        assertEquals(r.getCsectP(), r.getBmpP(), EPS);
        // sign: 3 positive of 3 against p = 0.5: (3 - 1.5) / sqrt(0.75) = sqrt 3
        assertEquals(Math.sqrt(3), r.getGenSignZ(), EPS);
        assertEquals(0.08326451666355042, r.getGenSignP(), 1e-12);
        // the path: the mean per point and its band, t(0.975, 2) = 4.302652729911275
        assertEquals(List.of(60_000L, 120_000L), r.getPathAt());
        assertEquals(0.01, r.getCaarPath().get(0), EPS);
        assertEquals(0.02, r.getCaarPath().get(1), EPS);
        assertEquals(
                0.02 - 4.302652729911275 * 0.01 / Math.sqrt(3), r.getLower().get(1), EPS);
        assertEquals(
                0.02 + 4.302652729911275 * 0.01 / Math.sqrt(3), r.getUpper().get(1), EPS);
    }

    @Test
    void oneReactionHasAMeanButNoTests() {
        EventStudy r = EventStudyMath.result("all", "PT5M", fold(List.of(obs(0.01, 1, 3, null))));
        assertEquals(0.01, r.getCaar());
        assertNull(r.getCsectT());
        assertNull(r.getBmpT());
        assertNull(r.getPatellZ(), "M = 3: (M - 2) / (M - 4) is not a variance");
        assertNull(r.getGenSignZ(), "no estimation share");
        assertNull(r.getLower().get(0));
        EventStudy none = EventStudyMath.result("all", "PT5M", fold(List.of()));
        assertNull(none.getCaar());
        assertEquals(List.of(), none.getCaarPath());
    }

    @Test
    void theRunningSumsEqualTheBatchAfterEveryArrivalAndAcrossARestart() {
        Serde<StudySums> serde = new PlainAvroSerdes().avro(StudySums.class);
        for (long seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            List<EventStudyMath.Observation> seen = new ArrayList<>();
            StudySums s = EventStudyMath.empty();
            int count = 1 + r.nextInt(60);
            for (int i = 0; i < count; i++) {
                EventStudyMath.Observation o = r.nextInt(8) == 0
                        ? null
                        : new EventStudyMath.Observation(
                                r.nextGaussian() * 0.02 + 0.003,
                                r.nextGaussian() * 1.5 + 0.2,
                                2 + r.nextInt(400),
                                r.nextInt(5) == 0 ? null : r.nextDouble(),
                                List.of(60_000L, 120_000L, 180_000L),
                                List.of(r.nextGaussian() * 0.01, r.nextGaussian() * 0.01, r.nextGaussian() * 0.01));
                seen.add(o);
                s = EventStudyMath.add(s, o);
                if (r.nextInt(10) == 0) {
                    s = serde.deserializer().deserialize("t", serde.serializer().serialize("t", s)); // a restart
                }
                ReferenceStudy.assertClose(
                        ReferenceStudy.of("g", "h", seen),
                        EventStudyMath.result("g", "h", s),
                        "seed " + seed + " after " + (i + 1));
            }
        }
    }
}
