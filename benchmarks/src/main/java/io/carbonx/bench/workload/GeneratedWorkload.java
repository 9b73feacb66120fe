package io.carbonx.bench.workload;

/**
 * A generated command stream and what it was seen to do to a book during generation.
 */
public record GeneratedWorkload(CommandStream stream, WorkloadProfile profile)
{
    /**
     * @return an order capacity for a book replaying the stream: its peak of resting orders with room to spare, so
     * that capacity never refuses an order and the book's pools and id map are sized as a real deployment's would be
     * for this load, neither tight nor vastly larger.
     */
    public int orderCapacity()
    {
        return Math.max(2 * profile.peakRestingOrders(), 1024);
    }
}
