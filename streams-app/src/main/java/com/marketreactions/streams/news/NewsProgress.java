package com.marketreactions.streams.news;

import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.time.StreamTime;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What a news partition tells every reacting task besides its news: how far it has passed them on. After each
 * news event that moves its newest time, and at the end of its input, a progress record (null value, control
 * headers, {@link EndOfInput#newsProgressHeaders}) to every partition of the news by ticker (and while it is quiet,
 * a {@link com.marketreactions.streams.control.QuietHeartbeat}). A reacting task takes the slowest news
 * partition as the news input's time ({@link StreamTime#newsTime}): a service catching up on a backlog of news
 * then holds its judgement of late news, its history and its FINALs until the news has caught up, as a replay
 * (news first) has it.
 */
final class NewsProgress<V> {

    private final ProcessorContext<String, V> context;
    private long newest = StreamTime.NONE;

    NewsProgress(ProcessorContext<String, V> context) {
        this.context = context;
    }

    /** Every news event up to {@code time} has been passed on ({@link StreamTime#END}: the input ended). */
    void passedOn(long time, long recordTimestamp) {
        if (time <= newest) {
            return;
        }
        newest = time;
        int partition = context.taskId().partition();
        context.forward(new Record<String, V>(
                EndOfInput.newsProgressKey(partition),
                null,
                recordTimestamp,
                EndOfInput.newsProgressHeaders(partition, time)));
    }
}
