package io.carbonx.fix.session;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.FixSessionSettings;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixMessageWriter;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.MsgTypes;
import io.carbonx.fix.codec.UtcTimestamps;
import io.carbonx.fix.dictionary.FixDictionary;
import io.carbonx.fix.dictionary.MessageValidator;
import io.carbonx.fix.dictionary.SessionRejectReason;
import io.carbonx.fix.dictionary.ValidationResult;
import io.carbonx.fix.store.MessageStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * The FIX 4.4 session state machine of the acceptor side for one configured session: logon,
 * sequence numbers in both directions, gap detection and recovery (ResendRequest, SequenceReset,
 * out-of-order queue), heartbeats and test requests, rejects, logout. It lives on one event loop;
 * every method but {@link #send} must be called there, so it needs no locks.
 *
 * <p>The order of checks on each message is QuickFIX/J's, because that order decides which
 * problem a counterparty is told about: BeginString, MsgSeqNum present, dictionary validation,
 * then per type SendingTime, CompIDs and the sequence number.
 *
 * <p>Outbound work is batched. Every message takes its MsgSeqNum at once, goes to the store's batch and, when it is
 * for the counterparty, to a buffer of frames; {@link #flushBatch()} ends the batch: one store flush, the senders told
 * that their messages are stored, then one socket write and flush. Nothing reaches the socket before the store flush
 * that keeps it, so the store-before-send guarantee of a write-through store holds. A batch ends at the end of each
 * read from the connection ({@link #onReadComplete}), of each drain of the outbound queue, of each timer tick and
 * before the connection is closed. {@link #offer} copies the application's message into a many-to-one ring buffer
 * from any thread; the first offer into an idle queue schedules one drain task on the event loop.
 * Written by its event loop only, but for {@link #offer}, whose ring buffer and flag are thread-safe.
 */
public final class AcceptorSession implements FixSession
{
    private static final Logger LOG = LoggerFactory.getLogger(AcceptorSession.class);
    private static final long TIMER_PERIOD_MILLIS = 250;
    /** What a queued message costs beyond its bytes: the map entry, the boxed key and the array header. */
    private static final int QUEUED_ENTRY_OVERHEAD = 96;
    private static final byte[] FIX44 = "FIX.4.4".getBytes(StandardCharsets.US_ASCII);
    /** The exchange's inbound application messages; any other type gets a BusinessMessageReject. */
    private static final int[] SUPPORTED_APPLICATION_TYPES = {
        MsgTypes.key("D"), MsgTypes.key("F"), MsgTypes.key("G"), MsgTypes.key("H"), MsgTypes.key("q"),
        MsgTypes.key("V"), MsgTypes.key("x"), MsgTypes.key("s"), MsgTypes.key("g"),
    };
    /** OnBehalfOf/DeliverTo pairs: a reply goes back the way the message came. */
    private static final int[][] REVERSE_ROUTE = {
        {FixTags.ON_BEHALF_OF_COMP_ID, FixTags.DELIVER_TO_COMP_ID},
        {FixTags.ON_BEHALF_OF_SUB_ID, FixTags.DELIVER_TO_SUB_ID},
        {FixTags.ON_BEHALF_OF_LOCATION_ID, FixTags.DELIVER_TO_LOCATION_ID},
        {FixTags.DELIVER_TO_COMP_ID, FixTags.ON_BEHALF_OF_COMP_ID},
        {FixTags.DELIVER_TO_SUB_ID, FixTags.ON_BEHALF_OF_SUB_ID},
        {FixTags.DELIVER_TO_LOCATION_ID, FixTags.ON_BEHALF_OF_LOCATION_ID},
    };
    /** Header fields a resent message gets anew; everything else is copied as first sent. */
    private static final int[] RESEND_REWRITTEN_TAGS = {
        FixTags.BEGIN_STRING, FixTags.BODY_LENGTH, FixTags.MSG_TYPE, FixTags.MSG_SEQ_NUM, FixTags.SENDER_COMP_ID,
        FixTags.SENDING_TIME, FixTags.TARGET_COMP_ID, FixTags.POSS_DUP_FLAG, FixTags.ORIG_SENDING_TIME,
        FixTags.POSS_RESEND, FixTags.CHECKSUM,
    };

    /** Ring buffer record type of an offered message. */
    private static final int QUEUED_MESSAGE = 1;
    /** Ring buffer record type of a message given to send from another thread; its tag names its Delivery. */
    private static final int QUEUED_SEND = 2;
    /** A queued message: its tag (8 bytes), its MsgType length (1) and bytes (up to 4), then the body. */
    private static final int QUEUED_TYPE_LENGTH = 8;
    private static final int QUEUED_TYPE = 9;
    private static final int QUEUED_BODY = 13;
    /** Messages per drain before the batch is flushed and the rest drained in another task. */
    private static final int MAX_DRAIN_BATCH = 1024;
    private static final int INITIAL_FRAMES_CAPACITY = 4096;

    private enum State
    {
        DISCONNECTED, LOGGED_ON, LOGOUT_SENT
    }

    private final FixSessionSettings settings;
    private final MessageStore store;
    private final FixApplication application;
    private final EventLoop eventLoop;
    private final MessageValidator validator;
    private final IntPredicate isDataTag;
    private final long sendingTimeToleranceMillis;
    private final long logoutTimeoutMillis;
    private final byte[] senderCompId;
    private final byte[] targetCompId;
    private final FixMessageWriter writer = new FixMessageWriter();
    private final ValidationResult validation = new ValidationResult();
    private final FixMessage queuedView = new FixMessage();
    private final FixMessage storedView = new FixMessage();
    private final HeartbeatMonitor heartbeat = new HeartbeatMonitor();
    private final MessageRateLimiter rateLimiter;
    private final LogonThrottle logonThrottle;
    /** Messages that arrived ahead of a gap, by MsgSeqNum, processed once the gap is filled. */
    private final TreeMap<Integer, byte[]> queued = new TreeMap<>();
    /** Bound on {@link #queued}, counted as frame bytes plus {@link #QUEUED_ENTRY_OVERHEAD} each. */
    private final long maxQueuedBytes;
    private long queuedBytes;
    /** Set when the queue overflowed and was dropped: until the gap is filled, nothing more is queued. */
    private boolean queueDropped;

    private final ManyToOneRingBuffer outbound;
    /** True from the offer that found the queue idle until its drain task starts. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /**
     * The sessions of this session's event loop, all drained by {@link #pollOutbound}; null for a session built without
     * an acceptor, which drains only itself.
     */
    private LoopSessions loopSessions;
    private final MessageHandler drainHandler = this::onQueued;
    /** Tags of offered messages numbered in this batch, told stored (or failed) when it is flushed. */
    private final LongArrayList batchTags = new LongArrayList();
    /** The Delivery of each message sent from another thread, by the tag of its queue record. */
    private final ConcurrentHashMap<Long, Delivery> queuedDeliveries = new ConcurrentHashMap<>();
    private final AtomicLong nextDeliveryTag = new AtomicLong();
    private final ArrayList<Delivery> batchDeliveries = new ArrayList<>();
    /** How many of batchTags and batchDeliveries have been told stored (a callback may end a batch itself). */
    private int notifiedTags;
    private int notifiedDeliveries;
    /** How many of them the last store flush kept. */
    private int storedTags;
    private int storedDeliveries;
    /** Frames of this batch for {@link #channel}, written at {@link #flushBatch()}; null when there are none. */
    private ByteBuf batchFrames;
    /** Set while a store failure is being handled: the batch is then dropped, not flushed. */
    private boolean storeFailing;

    /** Written on the event loop only; volatile because {@link #isLoggedOn()} may be asked from any thread. */
    private volatile State state = State.DISCONNECTED;
    private Channel channel;
    private ChannelFuture lastWrite;
    private ScheduledFuture<?> timer;
    private long logoutSentAtMillis;
    private int resendRangeBegin;
    private int resendRangeEnd;

    public AcceptorSession(
        final FixSessionSettings settings,
        final MessageStore store,
        final FixApplication application,
        final EventLoop eventLoop,
        final FixDictionary dictionary,
        final MessageValidator validator,
        final long sendingTimeToleranceMillis,
        final long logoutTimeoutMillis,
        final long maxQueuedBytes,
        final long failedLogonBackoffNanos)
    {
        this.settings = settings;
        this.store = store;
        this.application = application;
        this.eventLoop = eventLoop;
        this.validator = validator;
        this.isDataTag = dictionary::isDataTag;
        this.sendingTimeToleranceMillis = sendingTimeToleranceMillis;
        this.logoutTimeoutMillis = logoutTimeoutMillis;
        this.maxQueuedBytes = maxQueuedBytes;
        this.logonThrottle = new LogonThrottle(failedLogonBackoffNanos);
        this.senderCompId = settings.id().senderCompId().getBytes(StandardCharsets.ISO_8859_1);
        this.targetCompId = settings.id().targetCompId().getBytes(StandardCharsets.ISO_8859_1);
        this.rateLimiter = new MessageRateLimiter(settings.maxMessagesPerSecond());
        this.outbound = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
                settings.outboundQueueBytes() + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    @Override
    public FixSessionId id()
    {
        return settings.id();
    }

    @Override
    public FixSessionSettings settings()
    {
        return settings;
    }

    @Override
    public boolean isLoggedOn()
    {
        return state != State.DISCONNECTED;
    }

    public EventLoop eventLoop()
    {
        return eventLoop;
    }

    /** The password checks of this session's Logons; on the event loop only. */
    public LogonThrottle logonThrottle()
    {
        return logonThrottle;
    }

    /** The MsgSeqNum expected next from the counterparty; on the event loop only. */
    public int nextTargetSeqNum()
    {
        return store.nextTargetSeqNum();
    }

    /** True while a connection is bound to this session. */
    boolean isConnected()
    {
        return channel != null;
    }

    boolean isBoundTo(final Channel connection)
    {
        return channel == connection;
    }

    @Override
    public void send(final ApplicationMessage message)
    {
        send(message, null);
    }

    @Override
    public void send(final ApplicationMessage message, final Delivery delivery)
    {
        if (eventLoop.inEventLoop())
        {
            sendApplication(message, delivery);
        }
        else if (!enqueue(message, delivery))
        {
            // a full queue: the message still goes, though possibly ahead of what this thread offers next
            eventLoop.execute(() -> sendApplication(message, delivery));
        }
    }

    /**
     * Puts a sent message into the outbound queue, behind what this thread offered before it, so that the two paths
     * keep the caller's order.
     */
    private boolean enqueue(final ApplicationMessage message, final Delivery delivery)
    {
        final String type = message.msgType();
        final int length = QUEUED_BODY + message.bodyLength();
        if (type.length() > QUEUED_BODY - QUEUED_TYPE || length > outbound.maxMsgLength())
        {
            return false;
        }
        final long tag = delivery == null ? -1 : nextDeliveryTag.getAndIncrement();
        if (delivery != null)
        {
            queuedDeliveries.put(tag, delivery);
        }
        final int index = outbound.tryClaim(QUEUED_SEND, length);
        if (index < 0)
        {
            if (delivery != null)
            {
                queuedDeliveries.remove(tag);
            }
            return false;
        }
        putQueued(index, tag, type);
        message.copyBodyTo(outbound.buffer(), index + QUEUED_BODY);
        outbound.commit(index);
        scheduleDrain();
        return true;
    }

    private void putQueued(final int index, final long tag, final String type)
    {
        final MutableDirectBuffer buffer = outbound.buffer();
        buffer.putLong(index, tag);
        buffer.putByte(index + QUEUED_TYPE_LENGTH, (byte) type.length());
        for (int i = 0; i < type.length(); i++)
        {
            buffer.putByte(index + QUEUED_TYPE + i, (byte) type.charAt(i));
        }
    }

    /** Copies the message into the outbound queue; allocates nothing. See {@link FixSession#offer}. */
    @Override
    public boolean offer(final MessageBody body, final long tag)
    {
        final int index = outbound.tryClaim(QUEUED_MESSAGE, QUEUED_BODY + body.length());
        if (index < 0)
        {
            return false;
        }
        putQueued(index, tag, body.msgType());
        outbound.buffer().putBytes(index + QUEUED_BODY, body.buffer(), 0, body.length());
        outbound.commit(index);
        scheduleDrain();
        return true;
    }

    /** One task for a queue that was idle, not one per message. */
    private void scheduleDrain()
    {
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true))
        {
            eventLoop.execute(drainTask);
        }
    }

    /** Set once by the acceptor before any connection: the sessions this one's event loop serves. */
    void loopSessions(final LoopSessions loopSessions)
    {
        this.loopSessions = loopSessions;
    }

    @Override
    public void pollOutbound()
    {
        if (!eventLoop.inEventLoop())
        {
            throw new IllegalStateException(id() + ": pollOutbound called off the session's event loop");
        }
        if (loopSessions == null)
        {
            drainNow();
        }
        else
        {
            loopSessions.drainOutbound();
        }
    }

    /** Numbers, stores and writes what was offered, now: for {@link LoopSessions#drainOutbound}. */
    void drainNow()
    {
        drainQueue(Integer.MAX_VALUE);
        flushBatch();
    }

    private void drain()
    {
        // cleared before reading: an offer after the read schedules another drain, none is lost
        drainScheduled.set(false);
        final int count = drainQueue(MAX_DRAIN_BATCH);
        flushBatch();
        if (count == MAX_DRAIN_BATCH)
        {
            scheduleDrain();
        }
    }

    /**
     * Takes up to limit messages from the outbound queue into the batch. Two reads: one read stops at the end of the
     * ring's buffer, and what was committed past it, from its start, is taken by the second.
     */
    private int drainQueue(final int limit)
    {
        final int count = outbound.read(drainHandler, limit);
        return count < limit ? count + outbound.read(drainHandler, limit - count) : count;
    }

    /** A message from the outbound queue: numbered, stored and written in the current batch. */
    private void onQueued(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long tag = buffer.getLong(index);
        final Delivery delivery = msgTypeId == QUEUED_SEND && tag >= 0 ? queuedDeliveries.remove(tag) : null;
        if (store.damage() != null)
        {
            // neither stored nor failed, as for send: the sender's checkpoint waits until the store is mended
            LOG.error("{}: cannot send or keep an outbound message: {}", id(), store.damage());
            return;
        }
        writer.begin(buffer, index + QUEUED_TYPE, buffer.getByte(index + QUEUED_TYPE_LENGTH));
        addHeader(store.nextSenderSeqNum(), System.currentTimeMillis());
        writer.addEncoded(buffer, index + QUEUED_BODY, length - QUEUED_BODY);
        if (msgTypeId == QUEUED_SEND)
        {
            sendApplicationInWriter(-1, delivery);
        }
        else
        {
            sendApplicationInWriter(tag, null);
        }
    }

    /** The messages of one read from the bound connection are processed: the batch ends. */
    void onReadComplete(final Channel from)
    {
        if (from == channel)
        {
            application.onBatchEnd(this);
        }
        // what the application offered meanwhile joins this batch, saving a store flush and a socket flush
        drainQueue(MAX_DRAIN_BATCH);
        flushBatch();
    }

    private void sendApplication(final ApplicationMessage message, final Delivery delivery)
    {
        // what was offered before this message was sent gets the lower numbers
        drainQueue(Integer.MAX_VALUE);
        if (store.damage() != null)
        {
            // neither stored nor failed: the sender's checkpoint waits here, so the report is sent again once the
            // store is mended, and one member's damaged store does not stop the exchange
            LOG.error("{}: cannot send or keep {}: {}", id(), message, store.damage());
            return;
        }
        message.appendBodyTo(beginOutbound(message.msgType()));
        sendApplicationInWriter(-1, delivery);
        flushBatch();
    }

    /** Numbers and stores the application message in {@link #writer}; the sender hears of it when the batch ends. */
    private void sendApplicationInWriter(final long tag, final Delivery delivery)
    {
        sendOutbound(true, state == State.LOGGED_ON ? channel : null);
        if (tag >= 0)
        {
            batchTags.addLong(tag);
        }
        if (delivery != null)
        {
            batchDeliveries.add(delivery);
        }
    }

    /**
     * Ends the batch: flushes the store, tells the senders their messages are stored, then writes the batch's frames to
     * the connection with one flush. When the store fails nothing of the batch is sent: see {@link #onStoreFailed}.
     */
    void flushBatch()
    {
        if (storeFailing)
        {
            dropFrames();
            return;
        }
        // a sender told "stored" may send more at once: flush again until a flush is followed by no callback, so that
        // every frame written below is stored
        while (true)
        {
            try
            {
                store.flush();
            }
            catch (final IOException e)
            {
                onStoreFailed(e);
                return;
            }
            storedTags = batchTags.size();
            storedDeliveries = batchDeliveries.size();
            if (batchTags.isEmpty() && batchDeliveries.isEmpty())
            {
                break;
            }
            tellStored();
        }
        final ByteBuf frames = batchFrames;
        if (frames != null)
        {
            batchFrames = null;
            if (channel != null && channel.isActive())
            {
                channel.writeAndFlush(frames, channel.voidPromise());
                heartbeat.onSent(System.currentTimeMillis());
            }
            else
            {
                frames.release();
            }
        }
    }

    /**
     * Tells each sender of the batch its message is stored, in order, once: the cursors make it safe for a callback to
     * end a batch itself (a send or a logout from onOutboundStored), which then tells the rest.
     */
    private void tellStored()
    {
        while (notifiedTags < storedTags)
        {
            final long tag = batchTags.getLong(notifiedTags++);
            try
            {
                application.onOutboundStored(this, tag);
            }
            catch (final RuntimeException e)
            {
                LOG.error("{}: application failed in onOutboundStored", id(), e);
            }
        }
        while (notifiedDeliveries < storedDeliveries)
        {
            batchDeliveries.get(notifiedDeliveries++).stored();
        }
        if (notifiedTags == batchTags.size() && notifiedDeliveries == batchDeliveries.size())
        {
            clearBatchSenders();
        }
    }

    private void clearBatchSenders()
    {
        batchTags.clear();
        batchDeliveries.clear();
        notifiedTags = storedTags = 0;
        notifiedDeliveries = storedDeliveries = 0;
    }

    private void dropFrames()
    {
        if (batchFrames != null)
        {
            batchFrames.release();
            batchFrames = null;
        }
    }

    /**
     * The store could not keep the batch (it has forgotten it): nothing of it is sent, its senders hear that it
     * failed, first, so that they stop what caused it before the member hears, then the session logs out.
     */
    private void onStoreFailed(final IOException e)
    {
        storeFailing = true;
        try
        {
            final String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            LOG.error("{}: cannot store outbound messages: {}", id(), why);
            dropFrames();
            // those stored by an earlier flush of this batch are told so; the rest failed
            tellStored();
            for (int i = notifiedTags; i < batchTags.size(); i++)
            {
                try
                {
                    application.onOutboundFailed(this, batchTags.getLong(i), e);
                }
                catch (final RuntimeException failure)
                {
                    LOG.error("{}: application failed in onOutboundFailed", id(), failure);
                }
            }
            for (int i = notifiedDeliveries; i < batchDeliveries.size(); i++)
            {
                batchDeliveries.get(i).failed(e);
            }
            clearBatchSenders();
            logoutUnstored("exchange cannot record messages for this session: " + why);
        }
        finally
        {
            storeFailing = false;
        }
    }

    /**
     * The store failed: tell the counterparty why with a Logout that is neither stored nor counted (the store cannot
     * be trusted with it), then end the connection, so that nothing it is sent later goes unstored.
     */
    private void logoutUnstored(final String reason)
    {
        final Channel to = channel;
        if (to == null)
        {
            return;
        }
        final int seqNum = store.nextSenderSeqNum();
        beginOutbound("5").add(FixTags.TEXT, reason);
        writer.finish();
        writeNow(to);
        try
        {
            // an in-place write that a full disk usually still takes: the counterparty saw this number
            store.setNextSenderSeqNum(seqNum + 1);
            store.flush();
        }
        catch (final IOException e)
        {
            LOG.error("{}: cannot persist outbound MsgSeqNum {} either: {}", id(), seqNum + 1, e.getMessage());
        }
        disconnect(reason);
    }

    // ---------------------------------------------------------------- logon

    /**
     * Handles the first message of a connection, a Logon naming this session whose password (if
     * any) has been checked. Binds the connection on success; otherwise answers with a Logout when
     * the counterparty can be told why, and closes it.
     */
    void onLogon(final Channel connection, final FixMessage logon)
    {
        if (channel != null)
        {
            LOG.warn("{}: refused a second Logon from {}: session already logged on", id(), connection.remoteAddress());
            connection.close();
            return;
        }
        if (!logon.valueEquals(0, FIX44))
        {
            LOG.warn("{}: Logon with BeginString {} refused", id(), logon.stringAt(0));
            connection.close();
            return;
        }
        if (store.damage() != null)
        {
            refuseWithoutStore(connection, "Session unavailable: its sequence number store is damaged and must be "
                    + "repaired by the exchange; it is not reset to 1");
            return;
        }
        final long now = System.currentTimeMillis();
        if (!validator.validate(logon, validation))
        {
            refuseLogon(connection, "Invalid Logon message: " + validation.text() + ", field=" + validation.refTag());
            return;
        }
        final long heartbeatSeconds = logon.getLong(FixTags.HEART_BT_INT, -1);
        if (heartbeatSeconds < 0)
        {
            refuseLogon(connection, "HeartBtInt must not be negative");
            return;
        }
        if (heartbeatSeconds < settings.minHeartbeatSeconds() || heartbeatSeconds > settings.maxHeartbeatSeconds())
        {
            refuseLogon(connection, "HeartBtInt must be between " + settings.minHeartbeatSeconds() + " and "
                    + settings.maxHeartbeatSeconds());
            return;
        }
        if (logon.getLong(FixTags.ENCRYPT_METHOD, -1) != 0)
        {
            refuseLogon(connection, "EncryptMethod must be 0 (none)");
            return;
        }
        if (!isGoodTime(logon, now))
        {
            refuseLogon(connection, "Invalid Logon message: SendingTime accuracy problem, field=52");
            return;
        }
        final boolean reset = logon.getChar(FixTags.RESET_SEQ_NUM_FLAG, 'N') == 'Y';
        if (reset)
        {
            resetSequenceNumbers("ResetSeqNumFlag on Logon");
        }
        final int seqNum = logon.msgSeqNum();
        final int expected = store.nextTargetSeqNum();
        if (seqNum < expected)
        {
            refuseLogon(connection, "MsgSeqNum too low, expecting " + expected + " but received " + seqNum);
            return;
        }
        channel = connection;
        state = State.LOGGED_ON;
        heartbeat.start((int) heartbeatSeconds, now);
        LOG.info("{}: logged on from {}, HeartBtInt={}s, next MsgSeqNum in {} out {}", id(),
                connection.remoteAddress(), heartbeatSeconds, expected, store.nextSenderSeqNum());
        sendLogonResponse((int) heartbeatSeconds, reset);
        if (seqNum > expected)
        {
            onTooHigh(logon, seqNum, expected);
        }
        else
        {
            advanceTarget();
        }
        timer =
            eventLoop.scheduleAtFixedRate(this::onTimer, TIMER_PERIOD_MILLIS, TIMER_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        try
        {
            application.onLogon(this);
        }
        catch (final RuntimeException e)
        {
            LOG.error("{}: application failed in onLogon", id(), e);
        }
        flushBatch();
    }

    /**
     * Answers a Logon we will not accept with a Logout saying why, then closes the connection.
     * Called only while no connection is bound, so the Logout's MsgSeqNum disturbs no live session;
     * the connection counts as this session's for that moment, hence the reset on disconnect.
     */
    void refuseLogon(final Channel connection, final String reason)
    {
        LOG.warn("{}: Logon from {} refused: {}", id(), connection.remoteAddress(), reason);
        beginOutbound("5").add(FixTags.TEXT, reason);
        sendOutbound(false, connection);
        lastWrite.addListener(ChannelFutureListener.CLOSE);
        if (settings.resetOnDisconnect())
        {
            resetSequenceNumbers("reset on disconnect");
        }
    }

    /**
     * A Logout that takes no sequence number from the store, which cannot give one: it carries
     * MsgSeqNum 1, and a Logout's number is not checked by the counterparty (FIX verifies neither too
     * high nor too low on Logout), so its Text reaches the member.
     */
    private void refuseWithoutStore(final Channel connection, final String reason)
    {
        LOG.error("{}: Logon from {} refused: {}: {}", id(), connection.remoteAddress(), reason, store.damage());
        beginHeader("5", 1, System.currentTimeMillis()).add(FixTags.TEXT, reason).finish();
        writeNow(connection);
        lastWrite.addListener(ChannelFutureListener.CLOSE);
    }

    private void sendLogonResponse(final int heartbeatSeconds, final boolean reset)
    {
        final FixMessageWriter logon = beginOutbound("A").add(FixTags.ENCRYPT_METHOD, 0)
                .add(FixTags.HEART_BT_INT, heartbeatSeconds);
        if (reset)
        {
            logon.add(FixTags.RESET_SEQ_NUM_FLAG, 'Y');
        }
        sendOutbound(false, channel);
    }

    // ---------------------------------------------------------------- inbound

    /** A framed message from the connection bound to this session. */
    void onMessage(final Channel from, final FixMessage message)
    {
        if (from != channel)
        {
            return;
        }
        heartbeat.onReceived(System.currentTimeMillis());
        process(message);
        processQueued();
    }

    /** A garbled frame from the bound connection: FIX says ignore it, without counting it. */
    void onGarbled(final Channel from, final String what)
    {
        if (from == channel)
        {
            LOG.warn("{}: ignored garbled input: {}", id(), what);
        }
    }

    private void process(final FixMessage message)
    {
        if (!message.valueEquals(0, FIX44))
        {
            LOG.warn("{}: message with BeginString {}", id(), message.stringAt(0));
            sendLogout("Incorrect BeginString");
            advanceTarget();
            return;
        }
        if (!message.has(FixTags.MSG_SEQ_NUM))
        {
            sendLogout("Received message without MsgSeqNum");
            disconnect("Received message without MsgSeqNum: " + message);
            return;
        }
        if (message.msgSeqNum() < 0)
        {
            // no number to reject it under, to ask a resend from, or to count: the sequence is lost
            final String text = "MsgSeqNum (34) is not a sequence number from 1 to " + Integer.MAX_VALUE;
            sendLogout(text);
            disconnect(text + ": " + message);
            return;
        }
        if (!validator.validate(message, validation))
        {
            LOG.warn("{}: rejecting invalid message ({}): {}", id(), validation, message);
            reject(message, validation.reason(), validation.refTag(), validation.text());
            return;
        }
        final int type = message.msgTypeKey();
        if (type == MsgTypes.HEARTBEAT)
        {
            if (verify(message, true, true))
            {
                advanceTarget();
            }
        }
        else if (type == MsgTypes.TEST_REQUEST)
        {
            onTestRequest(message);
        }
        else if (type == MsgTypes.RESEND_REQUEST)
        {
            onResendRequest(message);
        }
        else if (type == MsgTypes.REJECT)
        {
            if (verify(message, true, true))
            {
                LOG.warn("{}: counterparty rejected our message: {}", id(), message);
                advanceTarget();
            }
        }
        else if (type == MsgTypes.SEQUENCE_RESET)
        {
            onSequenceReset(message);
        }
        else if (type == MsgTypes.LOGOUT)
        {
            onLogout(message);
        }
        else if (type == MsgTypes.LOGON)
        {
            onLogonWhileLoggedOn(message);
        }
        else
        {
            onApplicationMessage(message, type);
        }
    }

    /**
     * SendingTime, CompIDs, then the sequence number where the message type takes part in
     * sequencing. Returns false when the message must not be processed further; in that case
     * whatever the protocol requires (Reject, Logout, ResendRequest, queueing) has been done.
     */
    private boolean verify(final FixMessage message, final boolean checkTooHigh, final boolean checkTooLow)
    {
        if (!isGoodTime(message, System.currentTimeMillis()))
        {
            reject(message, SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, FixTags.SENDING_TIME,
                    SessionRejectReason.text(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM));
            sendLogout("SendingTime accuracy problem, field=52");
            return false;
        }
        if (!isCorrectCompId(message))
        {
            final String text = SessionRejectReason.text(SessionRejectReason.COMPID_PROBLEM);
            reject(message, SessionRejectReason.COMPID_PROBLEM, 0, text);
            sendLogout(text);
            return false;
        }
        final int seqNum = message.msgSeqNum();
        final int expected = store.nextTargetSeqNum();
        if (checkTooHigh && seqNum > expected)
        {
            onTooHigh(message, seqNum, expected);
            return false;
        }
        if (checkTooLow && seqNum < expected)
        {
            onTooLow(message, seqNum, expected);
            return false;
        }
        if ((checkTooHigh || checkTooLow) && resendRangeEnd > 0 && seqNum >= resendRangeEnd)
        {
            LOG.info("{}: ResendRequest {} to {} satisfied", id(), resendRangeBegin, resendRangeEnd);
            resendRangeBegin = resendRangeEnd = 0;
            queueDropped = false;
        }
        return true;
    }

    /** A gap: keep the message for later and ask for what is missing, once per gap. */
    private void onTooHigh(final FixMessage message, final int seqNum, final int expected)
    {
        LOG.info("{}: MsgSeqNum too high, expecting {} but received {}", id(), expected, seqNum);
        enqueue(message, seqNum);
        if (resendRangeEnd > 0 && seqNum >= resendRangeBegin)
        {
            LOG.info("{}: ResendRequest from {} already sent", id(), resendRangeBegin);
            return;
        }
        resendRangeBegin = expected;
        resendRangeEnd = seqNum - 1;
        // EndSeqNo 0 asks for everything from BeginSeqNo on: the gap may grow while it is filled
        beginOutbound("2").add(FixTags.BEGIN_SEQ_NO, expected).add(FixTags.END_SEQ_NO, 0);
        sendOutbound(false, channel);
    }

    /**
     * Keeps a message that arrived ahead of a gap, within {@link #maxQueuedBytes}. Beyond it the whole
     * queue is dropped and nothing more is kept until the gap is filled: the queue only saves the
     * counterparty resending, since our ResendRequest asks for everything from the gap on (EndSeqNo 0),
     * so every dropped message comes again, in order, as a PossDup resend. FIX lets the receiver ignore
     * messages above a gap; a Logout would instead end a session that is merely catching up.
     */
    private void enqueue(final FixMessage message, final int seqNum)
    {
        if (queueDropped)
        {
            return;
        }
        final long cost = (long) message.length() + QUEUED_ENTRY_OVERHEAD;
        if (queuedBytes + cost > maxQueuedBytes)
        {
            LOG.warn("{}: dropped {} messages ({} bytes) held ahead of the gap at {}: over the limit of {} bytes; "
                    + "the ResendRequest brings them again", id(), queued.size() + 1, queuedBytes + cost,
                    store.nextTargetSeqNum(), maxQueuedBytes);
            clearQueue();
            queueDropped = true;
            return;
        }
        final byte[] previous = queued.put(seqNum, message.copyFrame());
        queuedBytes += cost - (previous == null ? 0 : previous.length + QUEUED_ENTRY_OVERHEAD);
    }

    private void clearQueue()
    {
        queued.clear();
        queuedBytes = 0;
        queueDropped = false;
    }

    /** Below the expected number: a duplicate if PossDupFlag says so, otherwise fatal. */
    private void onTooLow(final FixMessage message, final int seqNum, final int expected)
    {
        if (!message.isPossDup())
        {
            final String text = "MsgSeqNum too low, expecting " + expected + " but received " + seqNum;
            sendLogout(text);
            disconnect(text);
            return;
        }
        if (message.msgTypeKey() == MsgTypes.SEQUENCE_RESET)
        {
            return;
        }
        final int origIndex = message.indexOf(FixTags.ORIG_SENDING_TIME);
        if (origIndex < 0)
        {
            reject(message, SessionRejectReason.REQUIRED_TAG_MISSING, FixTags.ORIG_SENDING_TIME,
                    SessionRejectReason.text(SessionRejectReason.REQUIRED_TAG_MISSING));
            return;
        }
        final long origSendingTime = timestamp(message, origIndex);
        final long sendingTime = timestamp(message, message.indexOf(FixTags.SENDING_TIME));
        if (origSendingTime > sendingTime)
        {
            reject(message, SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, FixTags.ORIG_SENDING_TIME,
                    SessionRejectReason.text(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM));
            sendLogout("SendingTime accuracy problem, field=122");
        }
    }

    private void onTestRequest(final FixMessage message)
    {
        if (!verify(message, true, true))
        {
            return;
        }
        final int index = message.indexOf(FixTags.TEST_REQ_ID);
        beginOutbound("0")
            .add(FixTags.TEST_REQ_ID, message.buffer(), message.valueOffset(index), message.valueLength(index));
        sendOutbound(false, channel);
        advanceTarget();
    }

    private void onResendRequest(final FixMessage message)
    {
        // a ResendRequest is served even when it is itself ahead of a gap
        if (!verify(message, false, true))
        {
            return;
        }
        resend(message.getInt(FixTags.BEGIN_SEQ_NO, 0, Integer.MAX_VALUE, 0),
                message.getInt(FixTags.END_SEQ_NO, 0, Integer.MAX_VALUE, 0));
        final int seqNum = message.msgSeqNum();
        final int expected = store.nextTargetSeqNum();
        if (seqNum == expected)
        {
            advanceTarget();
        }
        else if (seqNum > expected)
        {
            onTooHigh(message, seqNum, expected);
        }
    }

    /**
     * Replays what we sent from begin to end: stored application messages again with PossDupFlag
     * and their OrigSendingTime, and each run of session messages as one SequenceReset-GapFill.
     */
    private void resend(final int begin, final int initialEnd)
    {
        int end = initialEnd;
        final int lastSent = store.nextSenderSeqNum() - 1;
        if (end == 0 || end > lastSent)
        {
            end = lastSent;
        }
        LOG.info("{}: resending {} to {}", id(), begin, end);
        if (begin < 1 || begin > end)
        {
            return;
        }
        int gapStart = 0;
        for (int seqNum = begin; seqNum <= end; seqNum++)
        {
            final byte[] frame = read(seqNum);
            if (frame == null)
            {
                if (gapStart == 0)
                {
                    gapStart = seqNum;
                }
                continue;
            }
            if (gapStart != 0)
            {
                sendGapFill(gapStart, seqNum);
                gapStart = 0;
            }
            resendStored(seqNum, frame);
        }
        if (gapStart != 0)
        {
            sendGapFill(gapStart, end + 1);
        }
    }

    private void sendGapFill(final int seqNum, final int newSeqNo)
    {
        final long now = System.currentTimeMillis();
        beginHeader("4", seqNum, now).add(FixTags.POSS_DUP_FLAG, 'Y').addTimestamp(FixTags.ORIG_SENDING_TIME, now)
                .add(FixTags.NEW_SEQ_NO, newSeqNo).add(FixTags.GAP_FILL_FLAG, 'Y').finish();
        write(channel);
    }

    private void resendStored(final int seqNum, final byte[] frame)
    {
        if (!storedView.wrap(frame, 0, frame.length, isDataTag))
        {
            throw new IllegalStateException(id() + ": stored message " + seqNum + " is corrupt");
        }
        final FixMessageWriter resent = beginHeader(storedView.msgType(), seqNum, System.currentTimeMillis())
                .add(FixTags.POSS_DUP_FLAG, 'Y');
        final int sendingTime = storedView.indexOf(FixTags.SENDING_TIME);
        resent.add(FixTags.ORIG_SENDING_TIME, frame, storedView.valueOffset(sendingTime),
            storedView.valueLength(sendingTime));
        for (int i = 0; i < storedView.fieldCount(); i++)
        {
            final int tag = storedView.tagAt(i);
            if (!contains(RESEND_REWRITTEN_TAGS, tag))
            {
                resent.add(tag, frame, storedView.valueOffset(i), storedView.valueLength(i));
            }
        }
        resent.finish();
        write(channel);
    }

    private void onSequenceReset(final FixMessage message)
    {
        final boolean gapFill = message.getChar(FixTags.GAP_FILL_FLAG, 'N') == 'Y';
        // a Reset (not GapFill) ignores MsgSeqNum: it exists to recover from lost numbering
        if (!verify(message, gapFill, gapFill))
        {
            return;
        }
        final int newSeqNo = message.getInt(FixTags.NEW_SEQ_NO, 0, Integer.MAX_VALUE, 0);
        final int expected = store.nextTargetSeqNum();
        if (newSeqNo > expected)
        {
            LOG.info("{}: SequenceReset from {} to {}", id(), expected, newSeqNo);
            setNextTarget(newSeqNo);
            if (resendRangeEnd > 0 && newSeqNo > resendRangeEnd)
            {
                resendRangeBegin = resendRangeEnd = 0;
                queueDropped = false;
            }
        }
        else if (newSeqNo < expected)
        {
            reject(message, SessionRejectReason.VALUE_INCORRECT, FixTags.NEW_SEQ_NO,
                    SessionRejectReason.text(SessionRejectReason.VALUE_INCORRECT));
        }
    }

    private void onLogout(final FixMessage message)
    {
        if (!verify(message, false, false))
        {
            return;
        }
        final boolean answer = state != State.LOGOUT_SENT;
        if (answer)
        {
            sendLogout(null);
        }
        if (message.msgSeqNum() == store.nextTargetSeqNum())
        {
            advanceTarget();
        }
        disconnect(answer ? "Logout received" : "Logout answered ours");
    }

    /** Only a Logon with ResetSeqNumFlag=Y makes sense mid-session: both sides start again at 1. */
    private void onLogonWhileLoggedOn(final FixMessage message)
    {
        if (!verify(message, false, false))
        {
            return;
        }
        if (message.getChar(FixTags.RESET_SEQ_NUM_FLAG, 'N') != 'Y')
        {
            sendLogout("Logon received while already logged on");
            disconnect("Logon received while already logged on");
            return;
        }
        resetSequenceNumbers("ResetSeqNumFlag on Logon while logged on");
        sendLogonResponse(message.getInt(FixTags.HEART_BT_INT, 0, Integer.MAX_VALUE, 0), true);
        if (message.msgSeqNum() == store.nextTargetSeqNum())
        {
            advanceTarget();
        }
    }

    private void onApplicationMessage(final FixMessage message, final int type)
    {
        if (!verify(message, true, true))
        {
            return;
        }
        if (!contains(SUPPORTED_APPLICATION_TYPES, type))
        {
            businessReject(message, BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE, "Unsupported Message Type");
        }
        else if (!rateLimiter.tryAcquire(System.nanoTime()))
        {
            // refuse, not disconnect: a member over its rate keeps its session and learns why
            businessReject(message, BusinessRejectReason.OTHER,
                    "Message rate limit of " + settings.maxMessagesPerSecond() + "/s exceeded");
        }
        else if (!application.checksAccount(message.msgType()) && !isAccountAllowed(message))
        {
            businessReject(message, BusinessRejectReason.NOT_AUTHORIZED, "Account not allowed for this session");
        }
        else
        {
            try
            {
                application.onMessage(this, message);
            }
            catch (final RuntimeException e)
            {
                LOG.error("{}: application failed on {}", id(), message, e);
            }
        }
        advanceTarget();
    }

    /** Every Account (1) counts: a NewOrderCross names one per side, and the session must be allowed both. */
    private boolean isAccountAllowed(final FixMessage message)
    {
        for (int i = 0; i < message.fieldCount(); i++)
        {
            if (message.tagAt(i) == FixTags.ACCOUNT
                    && !settings.isAccountAllowed(message.buffer(), message.valueOffset(i), message.valueLength(i)))
            {
                return false;
            }
        }
        return true;
    }

    /** Processes queued messages as long as the next expected one is among them. */
    private void processQueued()
    {
        while (!queued.isEmpty() && state != State.DISCONNECTED)
        {
            final int expected = store.nextTargetSeqNum();
            while (!queued.isEmpty() && queued.firstKey() < expected)
            {
                queuedBytes -= queued.pollFirstEntry().getValue().length + QUEUED_ENTRY_OVERHEAD;
            }
            final byte[] frame = queued.remove(expected);
            if (frame == null)
            {
                return;
            }
            queuedBytes -= frame.length + QUEUED_ENTRY_OVERHEAD;
            LOG.info("{}: processing queued message {}", id(), expected);
            if (!queuedView.wrap(frame, 0, frame.length, isDataTag))
            {
                advanceTarget();
                continue;
            }
            final int type = queuedView.msgTypeKey();
            if (type == MsgTypes.LOGON || type == MsgTypes.RESEND_REQUEST)
            {
                // already acted on when it arrived; it only holds its place in the sequence
                advanceTarget();
            }
            else
            {
                process(queuedView);
            }
        }
    }

    // ---------------------------------------------------------------- outbound

    /**
     * Sends a session Reject (35=3) for a message and counts the message as received if it was the
     * expected one (a rejected Logon or SequenceReset never is: they do not take a number).
     */
    private void reject(final FixMessage message, final int reason, final int refTag, final String text)
    {
        final int seqNum = Math.max(message.msgSeqNum(), 0);
        final FixMessageWriter reject = beginOutbound("3");
        reverseRoute(message, reject);
        reject.add(FixTags.REF_SEQ_NUM, seqNum);
        if (refTag != 0 || reason == SessionRejectReason.INVALID_TAG_NUMBER)
        {
            reject.add(FixTags.REF_TAG_ID, refTag);
        }
        if (message.valueLength(2) > 0)
        {
            reject.add(FixTags.REF_MSG_TYPE, message.buffer(), message.valueOffset(2), message.valueLength(2));
        }
        reject.add(FixTags.SESSION_REJECT_REASON, reason).add(FixTags.TEXT, text);
        sendOutbound(false, channel);
        final int type = message.msgTypeKey();
        if (type != MsgTypes.LOGON && type != MsgTypes.SEQUENCE_RESET && seqNum == store.nextTargetSeqNum())
        {
            advanceTarget();
        }
    }

    /** BusinessMessageReject (35=j): an application message; the caller advances the inbound number. */
    private void businessReject(final FixMessage message, final int reason, final String text)
    {
        LOG.info("{}: business reject ({}) of {}", id(), text, message);
        final FixMessageWriter reject = beginOutbound("j");
        reverseRoute(message, reject);
        reject.add(FixTags.REF_SEQ_NUM, message.msgSeqNum())
                .add(FixTags.REF_MSG_TYPE, message.buffer(), message.valueOffset(2), message.valueLength(2))
                .add(FixTags.BUSINESS_REJECT_REASON, reason).add(FixTags.TEXT, text);
        sendOutbound(true, channel);
    }

    private static void reverseRoute(final FixMessage message, final FixMessageWriter reply)
    {
        for (final int[] route : REVERSE_ROUTE)
        {
            final int index = message.indexOf(route[0]);
            if (index >= 0 && message.valueLength(index) > 0)
            {
                reply.add(route[1], message.buffer(), message.valueOffset(index), message.valueLength(index));
            }
        }
    }

    private void sendLogout(final String text)
    {
        final FixMessageWriter logout = beginOutbound("5");
        if (text != null)
        {
            logout.add(FixTags.TEXT, text);
        }
        sendOutbound(false, channel);
        if (state == State.LOGGED_ON)
        {
            state = State.LOGOUT_SENT;
            logoutSentAtMillis = System.currentTimeMillis();
        }
    }

    /** Starts a message with the standard header and the next outbound MsgSeqNum. */
    private FixMessageWriter beginOutbound(final String msgType)
    {
        return beginHeader(msgType, store.nextSenderSeqNum(), System.currentTimeMillis());
    }

    private FixMessageWriter beginHeader(final String msgType, final int seqNum, final long sendingTime)
    {
        writer.begin(msgType);
        return addHeader(seqNum, sendingTime);
    }

    private FixMessageWriter addHeader(final int seqNum, final long sendingTime)
    {
        return writer.add(FixTags.MSG_SEQ_NUM, seqNum).add(FixTags.SENDER_COMP_ID, senderCompId)
                .addTimestamp(FixTags.SENDING_TIME, sendingTime).add(FixTags.TARGET_COMP_ID, targetCompId);
    }

    /**
     * Takes the message's MsgSeqNum for good, stores it if it must be resendable, then writes it in the batch, which
     * reaches the counterparty only after the store is flushed (so that nothing reaches the counterparty that a restart
     * could not replay).
     *
     * @param to the connection to write to, or null to store only
     */
    private void sendOutbound(final boolean resendable, final Channel to)
    {
        writer.finish();
        final int seqNum = store.nextSenderSeqNum();
        try
        {
            if (resendable)
            {
                store.store(seqNum, writer.buffer(), writer.frameOffset(), writer.frameLength());
            }
            store.setNextSenderSeqNum(seqNum + 1);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(id() + ": cannot persist outbound message " + seqNum, e);
        }
        if (to != null)
        {
            write(to);
        }
    }

    /**
     * Writes the finished message in {@link #writer}; resends and gap fills come here directly, keeping their number.
     * To the bound connection it joins the batch's frames; to a connection not (yet) bound, e.g. a refused Logon, it
     * goes at once, after a store flush.
     */
    private void write(final Channel to)
    {
        if (to == null)
        {
            return;
        }
        if (to != channel)
        {
            try
            {
                store.flush();
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(id() + ": cannot persist outbound MsgSeqNum", e);
            }
            writeNow(to);
            return;
        }
        if (batchFrames == null)
        {
            batchFrames = to.alloc().directBuffer(Math.max(INITIAL_FRAMES_CAPACITY, writer.frameLength()));
        }
        batchFrames.writeBytes(writer.buffer(), writer.frameOffset(), writer.frameLength());
    }

    /** Writes the finished message in {@link #writer} now, outside the batch and its store flush. */
    private void writeNow(final Channel to)
    {
        final ByteBuf buffer = to.alloc().buffer(writer.frameLength());
        buffer.writeBytes(writer.buffer(), writer.frameOffset(), writer.frameLength());
        lastWrite = to.writeAndFlush(buffer);
    }

    // ---------------------------------------------------------------- lifecycle

    private void onTimer()
    {
        if (state == State.DISCONNECTED)
        {
            return;
        }
        final long now = System.currentTimeMillis();
        if (state == State.LOGOUT_SENT && now - logoutSentAtMillis >= logoutTimeoutMillis)
        {
            disconnect("No Logout in answer to ours");
            return;
        }
        switch (heartbeat.poll(now))
        {
            case TIMEOUT:
                disconnect("Timed out waiting for heartbeat");
                break;
            case TEST_REQUEST:
                beginOutbound("1").add(FixTags.TEST_REQ_ID, "TEST");
                sendOutbound(false, channel);
                break;
            case HEARTBEAT:
                beginOutbound("0");
                sendOutbound(false, channel);
                break;
            default:
                break;
        }
        flushBatch();
    }

    /**
     * Starts a graceful logout: sends Logout and lets the counterparty answer (its answer, or the
     * logout timeout, then closes the connection), so both sides agree on the sequence numbers.
     */
    public void logout(final String reason)
    {
        if (state == State.LOGGED_ON)
        {
            sendLogout(reason);
            flushBatch();
        }
    }

    /** Ends the session now and closes its connection once what was written has gone out. */
    public void disconnect(final String reason)
    {
        final Channel closing = channel;
        if (closing == null)
        {
            return;
        }
        LOG.info("{}: disconnecting: {}", id(), reason);
        flushBatch();
        if (channel != closing)
        {
            // the flush failed and its logout has closed the connection already
            return;
        }
        unbind();
        // after what was written: writes complete in order
        closing.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** The bound connection closed, whoever closed it. */
    void onChannelInactive(final Channel closed)
    {
        if (closed == channel)
        {
            LOG.info("{}: connection closed by counterparty", id());
            unbind();
        }
    }

    private void unbind()
    {
        // the store keeps what was numbered; frames for a closed connection are dropped
        flushBatch();
        final boolean wasLoggedOn = state != State.DISCONNECTED;
        state = State.DISCONNECTED;
        channel = null;
        if (timer != null)
        {
            timer.cancel(false);
            timer = null;
        }
        clearQueue();
        resendRangeBegin = resendRangeEnd = 0;
        if (settings.resetOnDisconnect())
        {
            resetSequenceNumbers("reset on disconnect");
        }
        if (wasLoggedOn)
        {
            try
            {
                application.onLogout(this);
            }
            catch (final RuntimeException e)
            {
                LOG.error("{}: application failed in onLogout", id(), e);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private boolean isGoodTime(final FixMessage message, final long nowMillis)
    {
        final long sendingTime = timestamp(message, message.indexOf(FixTags.SENDING_TIME));
        return sendingTime != UtcTimestamps.INVALID && Math.abs(nowMillis - sendingTime) <= sendingTimeToleranceMillis;
    }

    private boolean isCorrectCompId(final FixMessage message)
    {
        final int sender = message.indexOf(FixTags.SENDER_COMP_ID);
        final int target = message.indexOf(FixTags.TARGET_COMP_ID);
        return sender >= 0 && target >= 0 && message.valueEquals(sender, targetCompId) &&
            message.valueEquals(target, senderCompId);
    }

    private static long timestamp(final FixMessage message, final int index)
    {
        return index < 0 ? UtcTimestamps.INVALID
                : UtcTimestamps.parseTimestamp(message.buffer(), message.valueOffset(index),
                    message.valueLength(index));
    }

    private void advanceTarget()
    {
        final int expected = store.nextTargetSeqNum();
        if (expected == Integer.MAX_VALUE)
        {
            // the next number would wrap negative: only a reset to 1 can continue this session
            final String text = "MsgSeqNum " + expected + " is the last; log on again with ResetSeqNumFlag=Y";
            sendLogout(text);
            disconnect(text);
            return;
        }
        setNextTarget(expected + 1);
    }

    private void setNextTarget(final int seqNum)
    {
        try
        {
            store.setNextTargetSeqNum(seqNum);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(id() + ": cannot persist inbound MsgSeqNum", e);
        }
    }

    private void resetSequenceNumbers(final String why)
    {
        LOG.info("{}: sequence numbers reset to 1 ({})", id(), why);
        // what was numbered before goes out under its number before the reset
        flushBatch();
        clearQueue();
        resendRangeBegin = resendRangeEnd = 0;
        try
        {
            store.reset();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(id() + ": cannot reset message store", e);
        }
    }

    private byte[] read(final int seqNum)
    {
        try
        {
            return store.get(seqNum);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(id() + ": cannot read stored message " + seqNum, e);
        }
    }

    private static boolean contains(final int[] values, final int value)
    {
        for (final int v : values)
        {
            if (v == value)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString()
    {
        return id() + " " + state;
    }
}
