package io.carbonx.fix;

/** What a FIX event loop does when it has nothing to do; see {@link FixAcceptorConfig#ioIdleStrategy()}. */
public enum IoIdleStrategy
{
    /** Blocks in select until a socket is ready or a task arrives: burns no core while the exchange is idle. */
    BLOCKING,
    /**
     * Polls the sockets without blocking, in a loop: a message is picked up without a thread wake-up (a few
     * microseconds less), at the cost of one busy core per session thread. Only where cores are set aside for it.
     */
    SPINNING
}
