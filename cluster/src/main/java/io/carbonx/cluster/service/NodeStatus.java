package io.carbonx.cluster.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code node-status.json} ({"memberId", "role", "sequence", "stateHash"}) into a node's folder, so that tests
 * and operators can see that the nodes agree; atomically (a temporary file renamed over it), at most every 100 ms and
 * only when something changed (the service decides when). The hash is 16 hex digits, or null while commands keep
 * arriving (it is computed once the node is quiet); the sequence is -1 before the first command. Used by the clustered
 * service's thread only (from {@code doBackgroundWork}).
 */
public final class NodeStatus
{
    /** Writes nothing: a service without a folder, as in unit tests. */
    public static final NodeStatus NONE = new NodeStatus(-1, null);

    public static final String FILE_NAME = "node-status.json";
    private static final Logger LOG = LoggerFactory.getLogger(NodeStatus.class);

    private final int memberId;
    private final Path file;
    private final Path temporary;

    /**
     * @param folder the node's folder, or null to write nothing.
     */
    public NodeStatus(final int memberId, final Path folder)
    {
        this.memberId = memberId;
        this.file = folder == null ? null : folder.resolve(FILE_NAME);
        this.temporary = folder == null ? null : folder.resolve(FILE_NAME + ".tmp");
    }

    public int memberId()
    {
        return memberId;
    }

    /**
     * Replace the file by this status (the caller decides how often: at most every 100 ms, when changed).
     */
    public void write(final ExchangeClusteredService.Published status)
    {
        if (file != null)
        {
            write(json(memberId, status));
        }
    }

    static String json(final int memberId, final ExchangeClusteredService.Published status)
    {
        final String hash = status.hashed() ? "\"" + String.format("%016x", status.stateHash()) + "\"" : "null";
        return "{\"memberId\":" + memberId + ",\"role\":\"" + status.role() + "\",\"sequence\":" +
            status.sequence() + ",\"stateHash\":" + hash + "}\n";
    }

    private void write(final String json)
    {
        try
        {
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            // The status is for watchers: a full disk must not stop the node's service thread.
            LOG.warn("cannot write {}: {}", file, ex.toString());
        }
    }
}
