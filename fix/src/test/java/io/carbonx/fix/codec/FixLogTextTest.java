package io.carbonx.fix.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixLogTextTest
{
    @Test
    void masksPasswordAndNewPasswordAndNothingElse()
    {
        final byte[] logon = RawFix.frame("35=A|34=1|49=TW|52=20240101-00:00:00.000|56=ISLD|98=0|108=30|554=hunter2|"
                + "925=correct-horse|1554=kept|5540=kept2|");
        final String text = FixLogText.render(logon, 0, logon.length);
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("correct-horse"), text);
        assertTrue(text.contains("|554=***|925=***|1554=kept|5540=kept2|"), text);
        assertTrue(text.startsWith("8=FIX.4.4|9="), text);
    }

    @Test
    void aMessageViewRendersMasked()
    {
        final byte[] logon = RawFix.frame("35=A|34=1|49=TW|52=20240101-00:00:00.000|56=ISLD|98=0|108=30|554=hunter2|");
        final FixMessage message = new FixMessage();
        assertTrue(message.wrap(logon, 0, logon.length, tag -> false));
        assertFalse(message.toString().contains("hunter2"));
        assertTrue(message.toString().contains("554=***"));
    }

    @Test
    void masksInGarbledBytesAndAtTheEnd()
    {
        final byte[] garbled = RawFix.verbatim("35=A|=x|554=abc|99|925=last");
        assertEquals("35=A|=x|554=***|99|925=***", FixLogText.render(garbled, 0, garbled.length));
        final byte[] empty = RawFix.verbatim("554=|");
        assertEquals("554=***|", FixLogText.render(empty, 0, empty.length));
    }
}
