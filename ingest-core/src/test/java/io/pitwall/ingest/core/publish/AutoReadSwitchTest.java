package io.pitwall.ingest.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AutoReadSwitchTest {

    final AtomicBoolean writable = new AtomicBoolean(true);
    final AutoReadSwitch autoRead = new AutoReadSwitch(writable::get);

    @Test
    void channelsStopAndResumeReadingWithThePublisher() {
        EmbeddedChannel a = channel();
        EmbeddedChannel b = channel();
        autoRead.attach(a);
        autoRead.attach(b);
        runTasks(a, b);
        assertThat(a.config().isAutoRead()).isTrue();

        writable.set(false);
        autoRead.onWritabilityChanged(false);
        runTasks(a, b);
        assertThat(a.config().isAutoRead()).isFalse();
        assertThat(b.config().isAutoRead()).isFalse();

        writable.set(true);
        autoRead.onWritabilityChanged(true);
        runTasks(a, b);
        assertThat(a.config().isAutoRead()).isTrue();
        assertThat(b.config().isAutoRead()).isTrue();
    }

    @Test
    void aChannelAttachedWhilePausedStartsPaused() {
        writable.set(false);
        EmbeddedChannel channel = channel();
        autoRead.attach(channel);
        runTasks(channel);
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void aLateNotificationCannotLeaveAChannelPausedOnceWritable() {
        EmbeddedChannel channel = channel();
        autoRead.attach(channel);
        autoRead.onWritabilityChanged(false); // raced: the publisher is writable again by the time it runs
        runTasks(channel);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void closedChannelsLeaveTheGroup() {
        EmbeddedChannel channel = channel();
        autoRead.attach(channel);
        assertThat(autoRead.size()).isEqualTo(1);
        channel.close().syncUninterruptibly();
        assertThat(autoRead.size()).isZero();
    }

    // EmbeddedChannels share one id unless given their own, and a ChannelGroup is keyed by id
    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(DefaultChannelId.newInstance());
    }

    private static void runTasks(EmbeddedChannel... channels) {
        for (EmbeddedChannel c : channels) {
            c.runPendingTasks();
        }
    }
}
