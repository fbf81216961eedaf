package com.marketreactions.streams.story;

import java.util.List;

/**
 * The story of one news item about one ticker.
 *
 * @param storyId id of the story's first report (the item's own id when it is the first)
 * @param storyAt T0 of the first report
 * @param similarity of the item to the first report (1 for the first itself)
 * @param novelty similar earlier items about the ticker within each of {@link StoryConfig#NOVELTY_WINDOWS}
 */
public record Story(String storyId, long storyAt, double similarity, List<Integer> novelty) {

    public boolean repeatOf(String newsId) {
        return !storyId.equals(newsId);
    }
}
