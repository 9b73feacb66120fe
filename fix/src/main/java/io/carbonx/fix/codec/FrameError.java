package io.carbonx.fix.codec;

/** What {@link FixFrameDecoder} passes on instead of a frame when the bytes cannot be one. */
public enum FrameError
{
    /** Bytes before a BeginString were skipped. */
    GARBAGE("bytes outside a message"),
    /** BeginString is not followed by a valid BodyLength. */
    BAD_HEADER("BeginString not followed by a valid BodyLength"),
    /** No CheckSum field where BodyLength says the body ends. */
    BAD_BODY_LENGTH("BodyLength does not end where CheckSum starts"),
    /** CheckSum does not match the bytes. */
    BAD_CHECKSUM("CheckSum does not match");

    private final String description;

    FrameError(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
