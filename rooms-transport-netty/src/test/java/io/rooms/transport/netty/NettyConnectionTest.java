package io.rooms.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rooms.spi.Connection;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outboxes' write path: a series goes out as one buffer, and its report carries the tag back. */
class NettyConnectionTest {

    private record Report(int frames, long tag, Throwable failure) {}

    /** Records the reports, as an outbox takes them. */
    private static final class Reports implements Connection.Sent {
        final List<Report> seen = new ArrayList<>();

        @Override
        public void written(int frames, long tag) {
            seen.add(new Report(frames, tag, null));
        }

        @Override
        public void failed(long tag, Throwable cause) {
            seen.add(new Report(0, tag, cause));
        }
    }

    @Test
    void aSeriesIsReportedWrittenWithItsTagWhenItsBufferIsFlushedNotBefore() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettyConnection connection = new NettyConnection(channel);
        Reports reports = new Reports();

        connection.send(List.of("{\"a\":1}", "{\"b\":2}"), 42, reports);
        assertThat(reports.seen).isEmpty();
        channel.runPendingTasks(); // the loop's turn ends with the flush

        assertThat(reports.seen).containsExactly(new Report(2, 42, null));
        ByteBuf wire = channel.readOutbound();
        ByteBuf expected = Unpooled.wrappedBuffer(TextFrames.frame("{\"a\":1}"), TextFrames.frame("{\"b\":2}"));
        assertThat(ByteBufUtil.getBytes(wire)).isEqualTo(ByteBufUtil.getBytes(expected));
        wire.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aSeriesForAClosedSocketIsReportedFailedWithItsTag() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettyConnection connection = new NettyConnection(channel);
        Reports reports = new Reports();
        channel.close();

        connection.send(List.of("{\"a\":1}"), 7, reports);
        channel.runPendingTasks();

        assertThat(reports.seen).singleElement().satisfies(report -> {
            assertThat(report.tag()).isEqualTo(7);
            assertThat(report.failure()).isInstanceOf(ClosedChannelException.class);
        });
    }

    @Test
    void anEmptySeriesIsReportedWrittenAtOnceWithNothingOnTheWire() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettyConnection connection = new NettyConnection(channel);
        Reports reports = new Reports();

        connection.send(List.of(), 3, reports);

        assertThat(reports.seen).containsExactly(new Report(0, 3, null));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
