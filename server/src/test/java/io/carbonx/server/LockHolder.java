package io.carbonx.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a child JVM: lock a data folder's lock file the way a server does, write its pid, say "locked", and hold the
 * lock until its standard input closes. Stands for a second server process on the same folder.
 */
public final class LockHolder
{
    private LockHolder()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]).resolve(DataFolder.LOCK),
            StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock())
        {
            if (lock == null)
            {
                System.out.println("busy");
                return;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1)
            {
                // hold the lock until the test closes our input
            }
        }
    }
}
