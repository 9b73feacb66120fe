package io.carbonx.cluster.node;

import io.carbonx.engine.core.TestSettings;
import io.carbonx.registry.HoldingLimits;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterNode} alone in a child JVM, so that a test can SIGKILL it: args member id, members
 * ("id,host:basePort|..."), node folder, snapshot interval. Prints "started" once launched.
 */
public final class ChildClusterNode
{
    private ChildClusterNode()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final ClusterNodeSettings settings = ClusterNodeSettings.of(Integer.parseInt(args[0]),
            ClusterNodeSettings.parseMembers(args[1]), Path.of(args[2]))
            .withSnapshotIntervalCommands(Long.parseLong(args[3]));
        try (ClusterNode node = ClusterNode.launch(settings, TestSettings.settings(HoldingLimits.unlimited())))
        {
            System.out.println("started");
            System.out.flush();
            node.awaitTermination(1, TimeUnit.HOURS);
        }
    }

    /**
     * Start one with this JVM's java, classpath and module flags; its output goes to the log file.
     */
    static Process start(final ClusterNodeSettings settings, final String members, final Path log)
        throws java.io.IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc") || argument.startsWith("-Dchronicle"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            ChildClusterNode.class.getName(), Integer.toString(settings.memberId()), members,
            settings.nodeFolder().toString(), Long.toString(settings.snapshotIntervalCommands())));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        return process;
    }
}
