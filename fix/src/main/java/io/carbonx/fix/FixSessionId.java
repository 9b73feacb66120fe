package io.carbonx.fix;

import java.util.Objects;

/**
 * A session as seen from the exchange: our CompID (SenderCompID of what we send) and the
 * counterparty's (TargetCompID of what we send). FIX 4.4 only, so BeginString is implied.
 */
public record FixSessionId(String senderCompId, String targetCompId)
{
    public FixSessionId
    {
        Objects.requireNonNull(senderCompId, "senderCompId");
        Objects.requireNonNull(targetCompId, "targetCompId");
        if (senderCompId.isEmpty() || targetCompId.isEmpty())
        {
            throw new IllegalArgumentException("CompIDs must not be empty");
        }
    }

    @Override
    public String toString()
    {
        return "FIX.4.4:" + senderCompId + "->" + targetCompId;
    }
}
