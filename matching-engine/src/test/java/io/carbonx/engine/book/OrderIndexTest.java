package io.carbonx.engine.book;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class OrderIndexTest
{
    /**
     * Random puts and removals up to the capacity, ids drawn from a small range (many collisions, runs that wrap
     * around the end of the table) against a map: every id is found after every removal's shifting.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 1000})
    void agreesWithAMap(final int capacity)
    {
        final OrderIndex index = new OrderIndex(capacity);
        final Map<Long, Order> model = new HashMap<>();
        final List<Long> held = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(capacity);
        final long idRange = capacity * 4L + 3;
        for (int i = 0; i < 100_000; i++)
        {
            final long id = random.nextLong(idRange) * (random.nextBoolean() ? 1 : 1L << 32);
            if (model.size() < capacity && !model.containsKey(id) && random.nextInt(3) != 0)
            {
                final Order order = new Order();
                order.orderId = id;
                index.put(order);
                model.put(id, order);
                held.add(id);
            }
            else if (!held.isEmpty())
            {
                final long removed = held.remove(random.nextInt(held.size()));
                index.remove(model.remove(removed));
                assertNull(index.get(removed), "step " + i);
            }
            assertEquals(model.size(), index.size());
            if (i % 101 == 0)
            {
                for (final Map.Entry<Long, Order> entry : model.entrySet())
                {
                    assertSame(entry.getValue(), index.get(entry.getKey()), "step " + i + ", id " + entry.getKey());
                }
            }
            assertSame(model.get(id), index.get(id), "step " + i + ", id " + id);
        }
    }
}
