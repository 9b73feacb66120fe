package io.carbonx.gateway.marketdata;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.FixSessionSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * A logged-on session that keeps what it is sent, as readable FIX ("35=X|262=...").
 */
final class RecordingSession implements FixSession
{
    final List<String> sent = new ArrayList<>();
    private final FixSessionId id;

    RecordingSession(final String member)
    {
        this.id = new FixSessionId("CARBONX", member);
    }

    @Override
    public FixSessionId id()
    {
        return id;
    }

    @Override
    public FixSessionSettings settings()
    {
        return null;
    }

    @Override
    public boolean isLoggedOn()
    {
        return true;
    }

    @Override
    public void send(final ApplicationMessage message)
    {
        sent.add(message.toString());
    }

    List<String> take()
    {
        final List<String> messages = new ArrayList<>(sent);
        sent.clear();
        return messages;
    }
}
