package com.marketreactions.streams.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The text measure on crafted pairs: paraphrased reports of one event (the sample's coverage of the OpenAI-AWS
 * deal) are similar, different stories about the same company are not, and the default threshold lies between.
 * The threshold itself is chosen on the labelled set ({@link StoryPrecisionRecallTest}).
 */
class StoryTermsTest {

    static final StoryTerms WIRE = StoryTerms.of(
            "OpenAI signs a seven-year, $38 billion deal for AWS compute",
            "OpenAI has agreed a multi-year partnership with Amazon Web Services worth $38 billion over seven years "
                    + "that gives it immediate access to AWS infrastructure. The capacity runs on Amazon EC2 "
                    + "UltraServers clustering hundreds of thousands of NVIDIA GB200 and GB300 GPUs, and all of it is "
                    + "targeted to be in place before the end of 2026. It is OpenAI's largest compute deal outside "
                    + "Microsoft, its biggest backer.");
    static final StoryTerms MARKETS = StoryTerms.of(
            "Amazon heads for a record close after landing OpenAI; Microsoft wobbles",
            "Amazon shares climbed as much as 5% after the open on the AWS agreement. Microsoft, OpenAI's biggest "
                    + "backer, slipped about 1% in the first hour before steadying. The contract adds to compute deals "
                    + "OpenAI has already struck with Oracle, Google Cloud, CoreWeave and AMD.");
    static final StoryTerms CHIPS = StoryTerms.of(
            "Nvidia's newest accelerators will power OpenAI's new capacity on AWS",
            "The clusters Amazon is building for OpenAI are made of Nvidia GB200 and GB300 GPUs, one more very large "
                    + "order for the chip supplier, whose shares traded higher in the morning.");
    static final StoryTerms ANALYSTS = StoryTerms.of(
            "Analysts call the OpenAI contract a vote of confidence in AWS",
            "Several analysts said the agreement eases worries that Amazon's cloud unit was losing ground in AI "
                    + "workloads, and that the delivery schedule through 2026 gives visibility on its capacity spending.");
    static final StoryTerms DAY_AFTER = StoryTerms.of(
            "Amazon gives back part of its OpenAI gain as tech shares slip",
            "A day after the $38 billion AWS agreement, Amazon traded lower before the open along with Nvidia and "
                    + "Oracle, as investors took profits in AI-linked shares.");

    // other stories about the same companies, from the same weeks
    static final StoryTerms JOBS = StoryTerms.of(
            "Amazon to cut about 14,000 corporate jobs as it leans on AI",
            "Amazon said it will reduce its corporate workforce by roughly 14,000 roles, citing the efficiency gains "
                    + "of generative AI and a leaner organisation.");
    static final StoryTerms RESULTS = StoryTerms.of(
            "Amazon beats estimates as AWS growth accelerates to 20%",
            "Amazon reported third-quarter sales above expectations; revenue at Amazon Web Services grew 20%, its "
                    + "fastest pace since 2022, and shares jumped after hours.");
    static final StoryTerms OUTAGE = StoryTerms.of(
            "AWS outage knocks thousands of websites offline",
            "A fault in Amazon Web Services' US-East-1 region took down apps and sites for hours before service was "
                    + "restored.");
    static final StoryTerms LAWSUIT = StoryTerms.of(
            "Amazon sues Perplexity over its AI shopping agent",
            "Amazon filed a lawsuit accusing the startup of covertly accessing customer accounts through its Comet "
                    + "browser agent.");
    static final StoryTerms RESTRUCTURE = StoryTerms.of(
            "Microsoft and OpenAI sign a new agreement as OpenAI restructures",
            "Microsoft will hold about 27% of OpenAI's new public benefit corporation, and OpenAI committed to buy "
                    + "$250 billion of Azure services.");
    static final StoryTerms MSFT_RESULTS = StoryTerms.of(
            "Microsoft shares slip as Azure capacity limits weigh on its outlook",
            "Microsoft reported quarterly revenue above estimates, but said capacity constraints in its Azure cloud "
                    + "would last through the fiscal year; the stock fell in late trading.");
    static final StoryTerms NVDA_VALUE = StoryTerms.of(
            "Nvidia becomes the first company worth $5 trillion",
            "Nvidia's market value passed $5 trillion for the first time as investors bet on demand for its AI chips.");

    static final Set<String> AMAZON = StoryTerms.namesOf(List.of("AMZN", "Amazon", "AWS", "Amazon Web Services"));
    static final Set<String> MICROSOFT = StoryTerms.namesOf(List.of("MSFT", "Microsoft", "Azure"));
    static final Set<String> NVIDIA = StoryTerms.namesOf(List.of("NVDA", "Nvidia"));
    /** What the topology leaves out with the sample's alias table (data/sample/aliases.csv): every listed name. */
    static final Set<String> SAMPLE_NAMES = StoryTerms.namesOf(List.of(
            "AMZN",
            "Amazon",
            "AWS",
            "Amazon Web Services",
            "MSFT",
            "Microsoft",
            "Azure",
            "NVDA",
            "Nvidia",
            "ORCL",
            "Oracle",
            "GOOGL",
            "Google",
            "Google Cloud",
            "CRWV",
            "CoreWeave",
            "AMD"));

    private static final double THRESHOLD = StoryConfig.defaults().threshold();

    /** Whether the linker may link the two: similar enough, and enough words in common. */
    static boolean similar(StoryTerms a, StoryTerms b, Set<String> names) {
        return a.similarity(b, names) >= THRESHOLD && a.sharedWords(b, names) >= StoryConfig.MIN_SHARED_WORDS;
    }

    @Test
    void everyLaterReportOfTheDealIsSimilarToAnEarlierOne() {
        // the links the sample's stories need for Amazon, each report to its most similar earlier one, leaving out
        // the names of the sample's alias table as the topology does
        Set<String> n = SAMPLE_NAMES;
        double markets = MARKETS.similarity(WIRE, n);
        double chips = Math.max(CHIPS.similarity(WIRE, n), CHIPS.similarity(MARKETS, n));
        double analysts = Math.max(ANALYSTS.similarity(WIRE, n), ANALYSTS.similarity(MARKETS, n));
        // the briefing, 26 hours after the wire, links within the day: to the analysts' note (OpenAI, "gives")
        double dayAfter = DAY_AFTER.similarity(ANALYSTS, n);
        for (double s : new double[] {markets, chips, analysts, dayAfter}) {
            assertTrue(s >= THRESHOLD, "a link of the deal's coverage at " + s);
        }
        assertTrue(similar(MARKETS, WIRE, n) && similar(CHIPS, WIRE, n) && similar(ANALYSTS, WIRE, n));
        assertTrue(similar(DAY_AFTER, ANALYSTS, n));
        // the weighted overlap (was the Jaccard index, 0.082): OpenAI, compute, "biggest backer"
        assertEquals(0.364, markets, 0.001);
    }

    @Test
    void differentStoriesAboutOneCompanyStayApart() {
        List<StoryTerms> amazon = List.of(WIRE, MARKETS, CHIPS, ANALYSTS, DAY_AFTER, JOBS, RESULTS, OUTAGE, LAWSUIT);
        List<StoryTerms> others = List.of(JOBS, RESULTS, OUTAGE, LAWSUIT);
        for (StoryTerms a : amazon) {
            for (StoryTerms b : others) {
                if (a != b) {
                    assertFalse(similar(a, b, AMAZON), a + " / " + b);
                }
            }
        }
        for (StoryTerms a : List.of(WIRE, MARKETS)) {
            assertFalse(similar(a, MSFT_RESULTS, MICROSOFT), a.toString());
        }
        assertFalse(similar(RESTRUCTURE, MSFT_RESULTS, MICROSOFT));
        for (StoryTerms a : List.of(WIRE, CHIPS, DAY_AFTER)) {
            assertFalse(similar(a, NVDA_VALUE, NVIDIA), a.toString());
        }
        // A limit (docs/stories.md): for MSFT the deal and Microsoft's own OpenAI agreement are alike, OpenAI in
        // both headlines and "services" (of Amazon Web Services, of Azure) in both. With the Jaccard index they were
        // 0.067 apart from the threshold; the overlap divides by the short restructuring report. They are one week
        // apart, so the story window keeps them apart; within a day they would merge.
        assertTrue(similar(WIRE, RESTRUCTURE, MICROSOFT));
        assertEquals(0.435, WIRE.similarity(RESTRUCTURE, MICROSOFT), 0.001);
    }

    @Test
    void aTemplatedHeadlineWithOtherNumbersIsAnotherStory() {
        // "shares", "rise", "premarket", "trading" are the market's vocabulary: only the numbers differ, and numbers
        // alone never link (with the Jaccard index and one word in common this was 0.25, one story)
        StoryTerms a = StoryTerms.of("Amazon shares rise 2% in premarket trading", null);
        StoryTerms b = StoryTerms.of("Amazon shares rise 3% in premarket trading", null);
        assertEquals(0, a.similarity(b, AMAZON), 1e-12);
        assertEquals(0, a.sharedWords(b, AMAZON));
        // two analysts' notes with one number in common: $305 is the old target of one and the new of the other
        StoryTerms c = StoryTerms.of("Amazon price target raised to $305 from $290 at a broker, buy rating kept", null);
        StoryTerms d = StoryTerms.of("Amazon price target raised to $315 from $305 at another broker", null);
        assertEquals(0, c.sharedWords(d, AMAZON));
        assertFalse(similar(c, d, AMAZON));
    }

    @Test
    void oneCommonWordAndANumberDoNotLinkAShortNoteToAnAgreement() {
        // the defect of issue 28: a pre-market note and a cloud-capacity agreement linked through one word and a number
        StoryTerms note = StoryTerms.of("Amazon stock rises 2% premarket as cloud names rally", null);
        StoryTerms capacity = StoryTerms.of(
                "AWS signs cloud capacity agreement with a startup", "The capacity is 2% of what AWS plans to add.");
        assertEquals(1, note.sharedWords(capacity, AMAZON), "cloud; 2% is a number");
        assertFalse(similar(note, capacity, AMAZON));
    }

    @Test
    void theTickersOwnNamesAndTheMarketsVocabularyDoNotCount() {
        StoryTerms a = StoryTerms.of("Amazon shares hit a record", null);
        StoryTerms b = StoryTerms.of("AWS stock trades at a record high", null);
        assertEquals(0, a.similarity(b, AMAZON), "only names and market words in common");
        // a headline's terms weigh three times their weight in a summary
        assertEquals("aws*9 high*3", b.toString(), "the ticker's names are terms, left out only in its comparisons");
        assertEquals(1.0, WIRE.similarity(WIRE, AMAZON));
        assertEquals(0, StoryTerms.of("", null).similarity(StoryTerms.of("The and of", null), Set.of()));
    }

    @Test
    void namesAndNumbersWeighMoreUnlessTheSentenceIsInTitleCase() {
        assertEquals(
                "ec2*3 openai*3 running",
                StoryTerms.of(null, "OpenAI running on EC2").toString());
        assertEquals(
                "ec2*9 openai*9 running*3",
                StoryTerms.of("OpenAI running on EC2", null).toString(),
                "in a headline, three times as much");
        assertEquals(
                "acme*3 merger partner",
                StoryTerms.of(null, "The merger partner is Acme").toString());
        assertEquals(
                "acme merger partner",
                StoryTerms.of(null, "Merger Partner Is Acme").toString());
        assertEquals(
                "$38*3 openai*3", StoryTerms.of(null, "OpenAI's $38 billion").toString());
    }
}
