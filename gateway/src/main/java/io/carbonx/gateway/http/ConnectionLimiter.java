package io.carbonx.gateway.http;

import io.netty.channel.Channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the HTTP connections open, in total and per remote address, and refuses one beyond either cap: it is closed
 * at once, before any handler reads it, so that idle or numerous clients cannot take the descriptors the FIX acceptor
 * needs. Written on the listener's one I/O thread, where connections are both initialised and closed (so a per-address
 * counter cannot be dropped while another connection takes it); the atomics let other threads read the counts.
 */
final class ConnectionLimiter
{
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    ConnectionLimiter(final int maxTotal, final int maxPerAddress)
    {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Count a new connection, or close it when a cap is reached.
     *
     * @return whether the connection was admitted.
     */
    boolean admit(final Channel channel)
    {
        final InetAddress address = ((InetSocketAddress)channel.remoteAddress()).getAddress();
        if (total.incrementAndGet() > maxTotal)
        {
            total.decrementAndGet();
            channel.close();
            return false;
        }
        final AtomicInteger fromAddress = perAddress.computeIfAbsent(address, ignored -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > maxPerAddress)
        {
            release(address, fromAddress);
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(ignored -> release(address, fromAddress));
        return true;
    }

    int open()
    {
        return total.get();
    }

    private void release(final InetAddress address, final AtomicInteger fromAddress)
    {
        if (fromAddress.decrementAndGet() == 0)
        {
            perAddress.remove(address, fromAddress);
        }
        total.decrementAndGet();
    }
}
