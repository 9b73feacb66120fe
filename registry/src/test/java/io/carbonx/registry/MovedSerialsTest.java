package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The registry's record of its last movement: exact blocks, merged when they continue each other, room grown only
 * for a movement of more blocks than ever before.
 */
class MovedSerialsTest
{
    @Test
    void mergesBlocksThatContinueEachOther()
    {
        final MovedSerials moved = new MovedSerials(2);
        moved.add(1, 10);
        moved.add(11, 20);
        moved.add(31, 40);

        assertEquals(2, moved.rangeCount());
        assertEquals(1, moved.rangeStart(0));
        assertEquals(20, moved.rangeEnd(0));
        assertEquals(31, moved.rangeStart(1));
        assertEquals(30, moved.unitCount());
        assertEquals(0, moved.growths());
    }

    @Test
    void aMovementOfMoreBlocksThanPreallocatedGrowsOnceAndListsThemAll()
    {
        final Registry registry = new Registry(1, HoldingLimits.unlimited(), 2);
        assertNull(registry.openAccount(10, AccountType.TRADING));
        assertNull(registry.openAccount(11, AccountType.TRADING));
        assertNull(registry.openAccount(12, AccountType.TRADING));
        final int blocks = MovedSerials.DEFAULT_CAPACITY + 44;
        for (int i = 0; i < blocks; i++)
        {
            assertNull(registry.issue(10, 1, 2));
            assertNull(registry.issue(11, 1, 1));
        }

        assertNull(registry.transfer(10, 12, 1, 2L * blocks));
        assertEquals(blocks, registry.lastMoved().rangeCount());
        assertEquals(2L * blocks, registry.lastMoved().unitCount());
        for (int i = 0; i < blocks; i++)
        {
            assertEquals(1 + 3L * i, registry.lastMoved().rangeStart(i), "account 10's block " + i);
            assertEquals(2 + 3L * i, registry.lastMoved().rangeEnd(i));
        }
        assertEquals(1, registry.movedSerialsGrowths());

        assertNull(registry.transfer(12, 10, 1, 2L * blocks));
        assertEquals(blocks, registry.lastMoved().rangeCount());
        assertEquals(1, registry.movedSerialsGrowths(), "the grown room is kept");
    }
}
