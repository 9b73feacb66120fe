package io.carbonx.gateway.orders;

import io.carbonx.engine.pipeline.EngineFaults;
import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.FixSessionSettings;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedEncoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.OrderAcceptedEncoder;
import io.carbonx.protocol.sbe.OrderAmendedEncoder;
import io.carbonx.protocol.sbe.OrderCancelledEncoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Order entry without sockets or an engine: one configured session ({@code CARBONX -> FOREST}, broker 7, account 1001)
 * recorded in memory, the order log and checkpoint on files, commands captured as published, and engine events encoded
 * here and given to the reports as the listener thread would. Used by one test thread.
 */
final class OrderEntryFixture implements AutoCloseable
{
    static final FixSessionId SESSION = new FixSessionId("CARBONX", "FOREST");
    /** The drop-copy session of a fixture made with drop copies. */
    static final FixSessionId DROP_COPY = new FixSessionId("CARBONX", "MEE-DC");
    static final int BROKER_ID = 7;
    static final int CCER = 3;

    final RecordingSession session = new RecordingSession();
    /** The drop copy {@link #DROP_COPY}, bound when the fixture has one. */
    final RecordingSession dropCopy = new RecordingSession(DROP_COPY,
        FixSessionSettings.builder(DROP_COPY.senderCompId(), DROP_COPY.targetCompId()).dropCopy(true).build());
    final List<UnsafeBuffer> commands = new ArrayList<>();
    final OrderLog log;
    final ReportCheckpoint checkpoint;
    final OrderSessions sessions;
    final ExecutionReports reports;
    final InboundOrders inbound;
    final List<String> halts = new ArrayList<>();
    boolean engineUnavailable;
    /** Whether published commands are kept in {@link #commands} (as copies); when not, only counted. */
    boolean keepCommands = true;
    long published;
    /** How many tries to publish to refuse, as a full command ring does, before taking them again. */
    int fullTries;
    int recoveredSent;

    private final UnsafeBuffer event = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private int sequenceNumber = 1;

    OrderEntryFixture(final Path folder) throws IOException
    {
        this(folder, -1, fixture ->
        {
        });
    }

    /**
     * A (re)start on the folder's order log and checkpoint, as the server makes it.
     *
     * @param journalEnd the journal's last sequence.
     * @param replay     gives the reports the events of the journal after the order log's mark.
     */
    OrderEntryFixture(final Path folder, final long journalEnd, final Consumer<OrderEntryFixture> replay)
        throws IOException
    {
        this(folder, journalEnd, replay, List.of());
    }

    /**
     * @param dropCopies at most one, {@link #DROP_COPY}, whose session is {@link #dropCopy}.
     */
    OrderEntryFixture(final Path folder, final long journalEnd, final Consumer<OrderEntryFixture> replay,
        final List<DropCopy> dropCopies) throws IOException
    {
        log = OrderLog.open(folder.resolve("orders.log"), false);
        checkpoint = ReportCheckpoint.open(folder.resolve("reported.seq"));
        sessions = new OrderSessions(List.of(SESSION), List.of(BROKER_ID), dropCopies);
        reports = new ExecutionReports(sessions, log, checkpoint, (reason, cause) -> halts.add(reason));
        reports.load();
        replay.accept(this);
        reports.finishRecovery(journalEnd);
        inbound = new InboundOrders(sessions, reports, log, Map.of("CCER", CCER), (buffer, offset, length) ->
        {
            if (engineUnavailable)
            {
                throw EngineFaults.failed("test");
            }
            if (fullTries > 0)
            {
                fullTries--;
                return false;
            }
            published++;
            if (keepCommands)
            {
                final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
                copy.putBytes(0, buffer, offset, length);
                commands.add(copy);
            }
            return true;
        }, (reason, cause) -> halts.add(reason));
        session.application = inbound;
        dropCopy.application = new DropCopyApplication(reports);
    }

    /**
     * Bind the session and open for requests, as the server does once the acceptor runs.
     */
    OrderEntryFixture open()
    {
        return open(Set.of(), -1);
    }

    /**
     * @param storedExecIds the ExecIDs of the reports the session's store holds.
     */
    OrderEntryFixture open(final Set<String> storedExecIds, final long journalEnd)
    {
        return open(storedExecIds, Set.of(), journalEnd);
    }

    /**
     * @param storedCopies the ExecIDs of the copies the drop copy's store holds.
     */
    OrderEntryFixture open(final Set<String> storedExecIds, final Set<String> storedCopies, final long journalEnd)
    {
        reports.bindSessions(id -> id.equals(SESSION) ? session : dropCopy);
        recoveredSent = reports.sendRecovered(
            Map.of(SESSION, new HashSet<>(storedExecIds), DROP_COPY, new HashSet<>(storedCopies)), journalEnd);
        return this;
    }

    /**
     * @param fields the body, {@code tag=value} separated by {@code |}, starting with 35.
     */
    void receive(final String fields)
    {
        deliver(fields);
        inbound.onBatchEnd(session); // each message is a read of its own
    }

    /**
     * One message of a read whose end ({@link #batchEnd}) is still to come.
     *
     * @param fields the body, {@code tag=value} separated by {@code |}, starting with 35.
     */
    void deliver(final String fields)
    {
        final byte[] bytes = frame(fields);
        final FixMessage message = new FixMessage();
        if (!message.wrap(bytes, 0, bytes.length, tag -> false))
        {
            throw new IllegalArgumentException("not a FIX frame: " + fields);
        }
        inbound.onMessage(session, message);
    }

    /**
     * @param fields the body, {@code tag=value} separated by {@code |}, starting with 35.
     * @return the whole frame, with the next MsgSeqNum.
     */
    byte[] frame(final String fields)
    {
        final String frame = ("8=FIX.4.4|9=0|" + fields + "|34=" + sequenceNumber++ +
            "|49=FOREST|56=CARBONX|52=20260101-00:00:00.000|10=000|").replace('|', '\u0001');
        return frame.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The end of a read, as the session layer tells it.
     */
    void batchEnd()
    {
        inbound.onBatchEnd(session);
    }

    int templateIdOf(final UnsafeBuffer command)
    {
        return new MessageHeaderDecoder().wrap(command, 0).templateId();
    }

    void accepted(final long sequence, final long orderId)
    {
        final OrderAcceptedEncoder encoder = new OrderAcceptedEncoder().wrapAndApplyHeader(event, 0, header);
        encoder.envelope().commandSequence(sequence).sourceId(SourceIds.FIX).correlationId(orderId);
        encoder.orderId(orderId).accountId(1001)
            .instrumentId(CCER).side(Side.BUY).price(80_50).quantity(100);
        deliver(sequence, encoder.encodedLength());
    }

    void rejected(final long sequence, final long correlationId, final CommandKind kind, final long orderId,
        final RejectReason reason)
    {
        final CommandRejectedEncoder encoder = new CommandRejectedEncoder().wrapAndApplyHeader(event, 0, header);
        encoder.envelope().commandSequence(sequence).sourceId(SourceIds.FIX).correlationId(correlationId);
        encoder.commandKind(kind).orderId(orderId)
            .accountId(1001).instrumentId(CCER).reason(reason);
        deliver(sequence, encoder.encodedLength());
    }

    void trade(
        final long sequence, final long tradeId, final long takerOrderId, final long makerOrderId, final long price,
        final long quantity, final long takerLeaves, final long buyerFee)
    {
        final TradeEncoder encoder = new TradeEncoder().wrapAndApplyHeader(event, 0, header);
        encoder.envelope().commandSequence(sequence).sourceId(SourceIds.FIX).correlationId(0);
        encoder.tradeId(tradeId).instrumentId(CCER).price(price).quantity(quantity)
            .aggressorSide(Side.BUY).takerOrderId(takerOrderId).takerAccountId(1001).takerLeavesQuantity(takerLeaves)
            .makerOrderId(makerOrderId).makerAccountId(2002).makerLeavesQuantity(0).buyerFee(buyerFee).sellerFee(0);
        deliver(sequence, encoder.encodedLength());
    }

    void amended(final long sequence, final long correlationId, final long orderId, final long price,
        final long quantity)
    {
        final OrderAmendedEncoder encoder = new OrderAmendedEncoder().wrapAndApplyHeader(event, 0, header);
        encoder.envelope().commandSequence(sequence).sourceId(SourceIds.FIX).correlationId(correlationId);
        encoder.orderId(orderId).accountId(1001)
            .instrumentId(CCER).price(price).quantity(quantity).leavesQuantity(quantity)
            .priorityKept(BooleanType.FALSE);
        deliver(sequence, encoder.encodedLength());
    }

    void cancelled(final long sequence, final long correlationId, final long orderId, final CancelReason reason)
    {
        final OrderCancelledEncoder encoder = new OrderCancelledEncoder().wrapAndApplyHeader(event, 0, header);
        encoder.envelope().commandSequence(sequence).sourceId(SourceIds.FIX).correlationId(correlationId);
        encoder.orderId(orderId).accountId(1001)
            .instrumentId(CCER).cancelledQuantity(100).reason(reason);
        deliver(sequence, encoder.encodedLength());
    }

    void endOfBatch()
    {
        reports.onEndOfBatch();
    }

    private void deliver(final long sequence, final int bodyLength)
    {
        reports.onEvent(event, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength, sequence);
    }

    @Override
    public void close() throws IOException
    {
        log.close();
        checkpoint.close();
    }

    /**
     * @return the fields of a message as sent, by tag (the last of a repeated tag).
     */
    static Map<Integer, String> fields(final ApplicationMessage message)
    {
        final Map<Integer, String> fields = new LinkedHashMap<>();
        for (final String field : message.toString().split("\\|"))
        {
            final int equals = field.indexOf('=');
            fields.put(Integer.parseInt(field.substring(0, equals)), field.substring(equals + 1));
        }
        return fields;
    }

    /**
     * A session that keeps what it is sent and stores every report at once, telling its application of an offered one
     * as the session layer does.
     */
    static final class RecordingSession implements FixSession
    {
        final List<ApplicationMessage> sent = new ArrayList<>();
        FixApplication application;
        /** Whether offered messages are kept in {@link #sent} (as copies); when not, only counted. */
        boolean keep = true;
        long offered;
        /**
         * When set, offered messages are confirmed stored only by {@link #confirmStored()}, as the session's event loop
         * would confirm them, not on the offering thread; up to this array's length.
         */
        long[] unconfirmed;
        int unconfirmedCount;
        /** How many offers to refuse, as a full outbound queue does, before taking them again. */
        int refuseOffers;
        /** Run at each refused offer, or null. */
        Runnable whileFull;
        /** How many times the application drained the outbound queues while it waited ({@link #pollOutbound}). */
        int polls;
        /** When set, what is sent with a {@link Delivery} waits in {@link #held} to be told stored. */
        boolean holdDeliveries;
        final List<Delivery> held = new ArrayList<>();
        private final FixSessionId id;
        private final FixSessionSettings settings;

        RecordingSession()
        {
            this(SESSION, FixSessionSettings.builder("CARBONX", "FOREST").allowedAccounts(Set.of("1001")).build());
        }

        RecordingSession(final FixSessionId id, final FixSessionSettings settings)
        {
            this.id = id;
            this.settings = settings;
        }

        @Override
        public FixSessionId id()
        {
            return id;
        }

        @Override
        public void send(final ApplicationMessage message, final Delivery delivery)
        {
            send(message);
            if (holdDeliveries)
            {
                held.add(delivery);
            }
            else
            {
                delivery.stored();
            }
        }

        @Override
        public FixSessionSettings settings()
        {
            return settings;
        }

        @Override
        public boolean isLoggedOn()
        {
            return true;
        }

        @Override
        public void send(final ApplicationMessage message)
        {
            sent.add(message);
        }

        @Override
        public void pollOutbound()
        {
            polls++;
        }

        @Override
        public boolean offer(final MessageBody body, final long tag)
        {
            if (refuseOffers > 0)
            {
                refuseOffers--;
                if (whileFull != null)
                {
                    whileFull.run();
                }
                return false;
            }
            offered++;
            if (keep)
            {
                sent.add(body.toMessage());
            }
            if (tag >= 0)
            {
                if (unconfirmed != null)
                {
                    unconfirmed[unconfirmedCount++] = tag;
                }
                else
                {
                    application.onOutboundStored(this, tag);
                }
            }
            return true;
        }

        /**
         * @return how many offered messages were confirmed stored.
         */
        int confirmStored()
        {
            final int count = unconfirmedCount;
            for (int i = 0; i < count; i++)
            {
                application.onOutboundStored(this, unconfirmed[i]);
            }
            unconfirmedCount = 0;
            return count;
        }

        Map<Integer, String> only()
        {
            if (sent.size() != 1)
            {
                throw new AssertionError("expected one message, got " + sent);
            }
            return fields(sent.remove(0));
        }

        Map<Integer, String> last()
        {
            return fields(sent.get(sent.size() - 1));
        }
    }
}
