package com.marketreactions.producers.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines ({@code \n} or {@code \r\n}) from a stream with bounded memory. Each line is decoded on
 * its own, so a line that is not UTF-8 or longer than {@link #MAX_LINE_BYTES} is a bad line with the right
 * line number, and reading goes on with the next one.
 */
final class LineReader implements Closeable {

    /**
     * 8 MiB: a saved page of Alpaca's REST trades (10,000 trades at most) is up to 1.3 MB on one line and 2.5 MB
     * pretty-printed (measured on trades of four conditions and a 14-digit id).
     */
    static final int MAX_LINE_BYTES = 8 << 20;

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private byte[] line = new byte[512];
    private int len;
    private boolean tooLong;
    private long lineNumber;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The 1-based number of the line last returned or rejected. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * @return the next line without its terminator, or null at the end of the stream
     * @throws BadLineException the line (now consumed) is not UTF-8 or too long
     */
    String readLine() throws IOException, BadLineException {
        len = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                int n = in.read(buf, 0, buf.length);
                pos = 0;
                end = Math.max(n, 0);
                if (n <= 0) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int nl = indexOfNewline(pos, end);
            append(pos, (nl < 0 ? end : nl) - pos);
            pos = nl < 0 ? end : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        lineNumber++;
        if (tooLong) {
            throw new BadLineException("line longer than " + MAX_LINE_BYTES + " bytes");
        }
        int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new BadLineException("not valid UTF-8");
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int count) {
        if (tooLong) {
            return;
        }
        if (len + count > MAX_LINE_BYTES) {
            tooLong = true;
            return;
        }
        if (len + count > line.length) {
            line = Arrays.copyOf(line, Math.max(len + count, line.length * 2));
        }
        System.arraycopy(buf, from, line, len, count);
        len += count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
