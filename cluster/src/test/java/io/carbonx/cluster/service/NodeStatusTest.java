package io.carbonx.cluster.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class NodeStatusTest
{
    @TempDir
    Path folder;

    @Test
    void replacesTheFileWithTheLatestStatus() throws IOException
    {
        final NodeStatus status = new NodeStatus(2, folder);
        status.write(new ExchangeClusteredService.Published("FOLLOWER", -1, true, 0));
        status.write(new ExchangeClusteredService.Published("LEADER", 4711, true, 0x0f3a9c1d2e4b5a60L));
        assertEquals("{\"memberId\":2,\"role\":\"LEADER\",\"sequence\":4711,\"stateHash\":\"0f3a9c1d2e4b5a60\"}\n",
            Files.readString(folder.resolve(NodeStatus.FILE_NAME)));
        assertFalse(Files.exists(folder.resolve(NodeStatus.FILE_NAME + ".tmp")), "written through a renamed file");
        status.write(new ExchangeClusteredService.Published("LEADER", 4712, true, -1L));
        assertEquals("{\"memberId\":2,\"role\":\"LEADER\",\"sequence\":4712,\"stateHash\":\"ffffffffffffffff\"}\n",
            Files.readString(folder.resolve(NodeStatus.FILE_NAME)));
        status.write(new ExchangeClusteredService.Published("LEADER", 4713, false, 0));
        assertEquals("{\"memberId\":2,\"role\":\"LEADER\",\"sequence\":4713,\"stateHash\":null}\n",
            Files.readString(folder.resolve(NodeStatus.FILE_NAME)));
    }

    @Test
    void noneWritesNothing() throws IOException
    {
        NodeStatus.NONE.write(new ExchangeClusteredService.Published("LEADER", 1, true, 1));
        try (var files = Files.list(folder))
        {
            assertEquals(0, files.count());
        }
    }
}
