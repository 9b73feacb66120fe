package io.carbonx.engine.auction;

import io.carbonx.engine.core.CapturedEvents;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.registry.HoldingLimits;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot taken while an auction is open, plus the rest of the journal, gives the same state and the same events as
 * replaying the whole journal.
 */
class AuctionSnapshotTest
{
    private static final int CEA = 1;
    private static final long AUCTION_ACCOUNT = 500;
    private static final long A = 101;
    private static final long B = 102;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final CommandWriter writer = new CommandWriter();
    private final AuctionCommandWriter auctions = new AuctionCommandWriter();
    private final List<byte[]> journal = new ArrayList<>();

    private void record(final IntSupplier encode)
    {
        final int length = encode.getAsInt();
        final byte[] command = new byte[length];
        buffer.getBytes(0, command);
        journal.add(command);
    }

    private static ExchangeStateMachine machine()
    {
        return new ExchangeStateMachine(TestSettings.settings(HoldingLimits.unlimited()));
    }

    private void apply(final ExchangeStateMachine machine, final int from, final int to, final CapturedEvents events)
    {
        for (int i = from; i < to; i++)
        {
            final byte[] command = journal.get(i);
            machine.apply(i + 1, new UnsafeBuffer(command), 0, command.length, events);
        }
    }

    @Test
    void aSnapshotWithAnOpenAuctionRestoresTheSameStateAndClearsTheSameWay() throws IOException
    {
        final long t = 1_000_000;
        record(() -> writer.envelope(t, 0, 0).addInstrument(buffer, 0, new InstrumentSpec(CEA, "CEA-2025",
            InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00, SelfTradePolicy.CANCEL_INCOMING)));
        record(() -> writer.openAccount(buffer, 0, AUCTION_ACCOUNT, AccountType.AUCTION));
        record(() -> writer.issueUnits(buffer, 0, AUCTION_ACCOUNT, CEA, 2_000));
        record(() -> writer.openAccount(buffer, 0, A, AccountType.COMPLIANCE));
        record(() -> writer.openAccount(buffer, 0, B, AccountType.TRADING));
        record(() -> writer.depositCash(buffer, 0, A, 1_000_000_00L));
        record(() -> writer.depositCash(buffer, 0, B, 1_000_000_00L));
        record(() -> auctions.envelope(t, 1, 1).openAuction(buffer, 0, 7, CEA, AUCTION_ACCOUNT, 1_000, 90_00, 6_000,
            2_000_000, 3_000_000));
        record(() -> auctions.envelope(2_000_000, 1, 2).submitBid(buffer, 0, 7, 1, A, 0, 101_00, 500));
        record(() -> auctions.envelope(2_000_001, 1, 3).submitBid(buffer, 0, 7, 2, B, 0, 100_00, 600));
        record(() -> auctions.envelope(2_000_002, 1, 4).submitBid(buffer, 0, 7, 3, A, 0, 100_00, 100));
        final int snapshotPoint = journal.size();
        record(() -> auctions.envelope(2_000_003, 1, 5).amendBid(buffer, 0, 7, 2, B, 0, 100_00, 500));
        record(() -> auctions.envelope(2_000_004, 1, 6).withdrawBid(buffer, 0, 7, 3, A, 0));
        record(() -> auctions.envelope(2_000_005, 1, 7).submitBid(buffer, 0, 7, 4, A, 0, 100_00, 100));
        record(() -> auctions.envelope(3_000_000, 1, 8).closeAuction(buffer, 0, 7));

        final ExchangeStateMachine original = machine();
        apply(original, 0, snapshotPoint, new CapturedEvents());
        assertTrue(original.auctions().isOpen(7));
        assertEquals(3, original.auctions().bidCount(7));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeSnapshot(new DataOutputStream(bytes));

        final ExchangeStateMachine restored = machine();
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(original.stateHash(), restored.stateHash(), "the snapshot holds the open auction and its bids");
        final ByteArrayOutputStream again = new ByteArrayOutputStream();
        restored.writeSnapshot(new DataOutputStream(again));
        assertEquals(bytes.size(), again.size());

        final CapturedEvents originalTail = new CapturedEvents();
        final CapturedEvents restoredTail = new CapturedEvents();
        apply(original, snapshotPoint, journal.size(), originalTail);
        apply(restored, snapshotPoint, journal.size(), restoredTail);
        final ExchangeStateMachine replayed = machine();
        final CapturedEvents all = new CapturedEvents();
        apply(replayed, 0, journal.size(), all);

        assertTrue(originalTail.sameAs(restoredTail), "the same events after the snapshot");
        assertTrue(originalTail.sameAs(all.since(all.size() - originalTail.size())), "and the same as a full replay");
        assertEquals(original.stateHash(), restored.stateHash());
        assertEquals(original.stateHash(), replayed.stateHash());
        final AuctionResultDecoder result =
            restoredTail.all(AuctionResultDecoder.TEMPLATE_ID, AuctionResultDecoder::new).get(0);
        assertEquals(100_00, result.clearingPrice());
        // 500 t left for 600 t tied: B 416.67 and A 83.33 round down; B, which kept its priority, gets the spare tonne
        assertEquals(500 + 83, restored.registry().holding(A, CEA).total());
        assertEquals(417, restored.registry().holding(B, CEA).total());
    }
}
