package io.carbonx.fix.codec;

import io.carbonx.fix.dictionary.FixDictionary;
import org.junit.jupiter.api.Test;

import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixMessageTest
{
    private static final IntPredicate DATA_TAGS = FixDictionary.fix44()::isDataTag;
    private final FixMessage message = new FixMessage();

    @Test
    void indexesFieldsInPlace()
    {
        final byte[] frame =
            RawFix.frame("35=D|34=7|49=TW|52=20240101-00:00:00.000|56=ISLD|11=ORD-1|38=250.5|44=-12.25|-1=x|");
        assertTrue(message.wrap(frame, 0, frame.length, DATA_TAGS));
        assertEquals(MsgTypes.key("D"), message.msgTypeKey());
        assertEquals(7, message.msgSeqNum());
        assertEquals("ORD-1", message.getString(FixTags.CL_ORD_ID));
        assertEquals(25050, message.scaledAt(message.indexOf(38), 2));
        assertEquals(-1225, message.scaledAt(message.indexOf(44), 2));
        assertEquals(Long.MIN_VALUE, message.scaledAt(message.indexOf(44), 1), "more places than the scale");
        assertTrue(message.has(-1), "negative tags are kept so that they can be rejected by number");
        assertEquals(FixTags.CHECKSUM, message.tagAt(message.fieldCount() - 1));
    }

    @Test
    void readsADataFieldByItsLengthEvenWithASohInside()
    {
        final byte[] frame =
            RawFix.frame("35=C|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|95=5|96=a\u0001b\u0001c|58=t|");
        assertTrue(message.wrap(frame, 0, frame.length, DATA_TAGS));
        final int raw = message.indexOf(96);
        assertEquals(5, message.valueLength(raw));
        assertEquals("t", message.getString(FixTags.TEXT));
    }

    @Test
    void refusesWhatIsNotTagValueFields()
    {
        assertFalse(wrap(RawFix.frame("35=0|34=2|4x9=TW|")), "non-numeric tag");
        assertFalse(wrap(RawFix.frame("35=0|34=2|=TW|")), "empty tag");
        assertFalse(wrap(RawFix.verbatim("8=FIX.4.4|9=5|34=2|35=0|10=000|")), "MsgType not third");
        assertFalse(wrap(RawFix.verbatim("8=FIX.4.4|9=5|35=0|34=2")), "no final delimiter");
    }

    private boolean wrap(final byte[] frame)
    {
        return message.wrap(frame, 0, frame.length, DATA_TAGS);
    }
}
