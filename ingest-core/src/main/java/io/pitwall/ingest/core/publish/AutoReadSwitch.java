package io.pitwall.ingest.core.publish;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The standard way for a Netty-based ingest to honour back-pressure: every hardware channel
 * {@link #attach attached} here stops reading ({@code autoRead=false}) while the publisher is not
 * writable and reads again when it is. TCP flow control then pushes back to the hardware, which keeps
 * its passings and stops receiving confirms until Kafka catches up.
 *
 * <pre>{@code
 * AutoReadSwitch reads = AutoReadSwitch.install(publisher);
 * // in the server's childHandler / client's handler, once per connection:
 * reads.attach(channel);
 * }</pre>
 *
 * Closed channels leave the group by themselves.
 */
public final class AutoReadSwitch implements BackPressureListener {

    private final BooleanSupplier writable;
    private final ChannelGroup channels = new DefaultChannelGroup("pitwall-hardware", GlobalEventExecutor.INSTANCE);

    /**
     * A switch following {@code writable}; register it as a {@link BackPressureListener} of whatever
     * {@code writable} reads. {@link #install} does both for a publisher.
     */
    public AutoReadSwitch(BooleanSupplier writable) {
        this.writable = Objects.requireNonNull(writable, "writable");
    }

    /** Creates a switch and registers it as a listener of {@code publisher}. */
    public static AutoReadSwitch install(DurablePublisher<?> publisher) {
        AutoReadSwitch autoReadSwitch = new AutoReadSwitch(publisher::isWritable);
        publisher.addBackPressureListener(autoReadSwitch);
        return autoReadSwitch;
    }

    /** Puts a hardware channel under back-pressure control, starting with the publisher's current state. */
    public void attach(Channel channel) {
        channels.add(channel);
        apply(channel);
    }

    /** Number of channels currently under control. */
    public int size() {
        return channels.size();
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        for (Channel channel : channels) {
            apply(channel);
        }
    }

    // Applied on the channel's own event loop, reading the state at that moment, so a late task can
    // never leave a channel paused after the publisher became writable again.
    private void apply(Channel channel) {
        channel.eventLoop().execute(() -> channel.config().setAutoRead(writable.getAsBoolean()));
    }
}
