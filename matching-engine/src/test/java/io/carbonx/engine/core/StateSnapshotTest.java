package io.carbonx.engine.core;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradingPhase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static io.carbonx.engine.core.EngineParts.CCER;
import static io.carbonx.engine.core.EngineParts.CEA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link StateSnapshot} on its own: what it writes reads back into fresh parts with the same digest and the same
 * bytes, and the digest sees each part of the state it covers.
 */
class StateSnapshotTest
{
    private static final long SELLER = 101;
    private static final long BUYER = 102;
    private static final long TIME = 1_000_000;

    private final EngineParts parts = new EngineParts();

    @BeforeEach
    void setUp()
    {
        parts.tradingDay.list(EngineParts.cea());
        parts.tradingDay.list(EngineParts.ccer());
        assertNull(parts.registry.openAccount(SELLER, AccountType.COMPLIANCE));
        assertNull(parts.registry.openAccount(BUYER, AccountType.TRADING));
        assertNull(parts.registry.issue(SELLER, CEA, 1_000));
        assertNull(parts.registry.depositCash(BUYER, 1_000_000_00L));
        order(1, SELLER, Side.SELL, TimeInForce.GTC, 100, 100_00, 0);
        order(2, BUYER, Side.BUY, TimeInForce.GTC, 40, 100_00, 0);
        order(3, SELLER, Side.SELL, TimeInForce.GTD, 20, 101_00, TIME + 9_000);
        parts.market.instrument(CCER).phase(TradingPhase.HALTED);
    }

    @Test
    void whatIsWrittenReadsBackWithTheSameDigestAndTheSameBytes() throws IOException
    {
        final byte[] written = write(parts);

        final EngineParts restored = new EngineParts();
        restored.snapshot.read(new DataInputStream(new ByteArrayInputStream(written)));

        assertEquals(parts.snapshot.hashInto(0), restored.snapshot.hashInto(0));
        assertArrayEquals(written, write(restored));
        assertEquals(1, restored.market.lastTradeId());
        assertEquals(TIME + 9_000, restored.market.nextExpireTime(), "the GTD order is scheduled again");
        assertEquals(TradingPhase.HALTED, restored.market.instrument(CCER).phase());
        assertEquals(40, restored.market.statistics(CEA).volume());
        assertEquals(60, restored.market.book(CEA).order(1).leaves());
    }

    @Test
    void theDigestSeesTheTradeIdsThePhaseTheDayFiguresAndTheRegistry()
    {
        long hash = parts.snapshot.hashInto(0);

        parts.market.takeTradeId();
        hash = assertChanged(hash);
        parts.market.instrument(CEA).phase(TradingPhase.HALTED);
        hash = assertChanged(hash);
        parts.market.statistics(CCER).onTrade(50_00, 1);
        hash = assertChanged(hash);
        assertNull(parts.registry.depositCash(BUYER, 1));
        assertChanged(hash);
    }

    @Test
    void theDigestFollowsTheHashItIsGiven()
    {
        assertNotEquals(parts.snapshot.hashInto(0), parts.snapshot.hashInto(1));
        assertEquals(parts.snapshot.hashInto(7), parts.snapshot.hashInto(7), "walking the state does not change it");
    }

    private long assertChanged(final long before)
    {
        final long after = parts.snapshot.hashInto(0);
        assertNotEquals(before, after);
        return after;
    }

    private static byte[] write(final EngineParts parts) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            parts.snapshot.write(out);
        }
        return bytes.toByteArray();
    }

    private void order(final long orderId, final long accountId, final Side side, final TimeInForce timeInForce,
        final long quantity, final long price, final long expireTime)
    {
        parts.writer(TIME).newOrder(parts.buffer(), 0, orderId, accountId, 0, CEA, side, OrderType.LIMIT, timeInForce,
            false, price, quantity, expireTime);
        parts.begin(TIME);
        parts.orders.newOrder(parts.decode(new NewOrderDecoder()), TIME);
    }
}
