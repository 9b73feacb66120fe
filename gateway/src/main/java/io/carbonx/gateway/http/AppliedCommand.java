package io.carbonx.gateway.http;

import java.util.List;
import java.util.Map;

/**
 * What one command did, as the read replica saw when it applied it: the same events as the engine's, since both
 * apply the same journal to the same deterministic state machine.
 *
 * @param sequence  of the command in the journal.
 * @param events    as JSON-ready maps.
 * @param rejection the reject reason's name, or null when the command took effect.
 */
public record AppliedCommand(long sequence, List<Map<String, Object>> events, String rejection)
{
}
