package io.carbonx.fix.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixMessageWriterTest
{
    @Test
    void framesWithBodyLengthAndChecksum()
    {
        final FixMessageWriter writer = new FixMessageWriter();
        writer.begin("0").add(FixTags.MSG_SEQ_NUM, 2).add(FixTags.SENDER_COMP_ID, "ISLD")
                .add(FixTags.SENDING_TIME, "20240101-00:00:00.000").add(FixTags.TARGET_COMP_ID, "TW")
                .add(FixTags.TEST_REQ_ID, "HELLO").finish();
        final String expected =
            RawFix.readable(RawFix.frame("35=0|34=2|49=ISLD|52=20240101-00:00:00.000|56=TW|112=HELLO|"), 0,
                RawFix.frame("35=0|34=2|49=ISLD|52=20240101-00:00:00.000|56=TW|112=HELLO|").length);
        assertEquals(expected, RawFix.readable(writer.buffer(), writer.frameOffset(), writer.frameLength()));
    }

    @Test
    void growsForLargeMessagesAndWritesNegativeNumbers()
    {
        final FixMessageWriter writer = new FixMessageWriter();
        final String text = "y".repeat(5000);
        writer.begin("3").add(FixTags.REF_TAG_ID, -1).add(FixTags.TEXT, text).finish();
        final String frame = RawFix.readable(writer.buffer(), writer.frameOffset(), writer.frameLength());
        assertEquals(RawFix.readable(RawFix.frame("35=3|371=-1|58=" + text + "|"), 0, frame.length()), frame);
    }
}
