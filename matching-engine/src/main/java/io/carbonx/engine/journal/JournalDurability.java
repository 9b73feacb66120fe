package io.carbonx.engine.journal;

/**
 * How durable a command is when the journal releases it to the business logic, and so when its events may leave.
 * <ul>
 *     <li>{@link #PAGE_CACHE}: the command is complete in the memory-mapped journal file. It survives the process
 *     being killed, because the operating system owns the page cache and writes it back, but not a power loss or a
 *     kernel crash before write-back. Costs a copy into mapped memory, so events can leave within microseconds; the
 *     usual choice when the journal is also replicated, and the default.</li>
 *     <li>{@link #SYNC_PER_BATCH}: the batch is forced to the device (msync) at its end, before any of its commands
 *     is released. Survives a power loss once the device honours the flush. Costs one device flush per batch, from
 *     tens of microseconds on NVMe to milliseconds on network disks; batches grow under load so throughput holds,
 *     but every command waits for the flush of its batch.</li>
 * </ul>
 */
public enum JournalDurability
{
    PAGE_CACHE,
    SYNC_PER_BATCH
}
