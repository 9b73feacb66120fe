package io.carbonx.fix.dictionary;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.RawFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageValidatorTest
{
    private static final FixDictionary DICTIONARY = FixDictionary.fix44();
    private static final String HEADER = "34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|";
    private static final String ORDER = "11=ID|21=1|40=1|54=1|38=200.00|55=INTC|60=20240101-00:00:00.000|";

    private final MessageValidator validator = new MessageValidator(DICTIONARY);
    private final ValidationResult result = new ValidationResult();
    private final FixMessage message = new FixMessage();

    @Test
    void acceptsValidMessagesWithGroupsAndComponents()
    {
        assertValid("35=D|" + HEADER + ORDER);
        assertValid("35=D|" + HEADER + "11=ID|21=1|40=2|44=10.5|54=1|38=200|55=CEA-2025|386=2|336=PRE|336=MAIN|"
                + "78=1|79=acct1|661=1|80=50|60=20240101-00:00:00|");
        assertValid("35=q|" + HEADER + "11=ID|530=7|60=20240101-00:00:00.000|");
        assertValid("35=V|" + HEADER + "262=R1|263=1|264=0|267=2|269=0|269=1|146=1|55=CEA-2025|");
        assertValid("35=0|" + HEADER + "112=HELLO|");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "unknown tag;               35=0|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|999=HI|;    0; 999",
        "negative tag;              35=0|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|-1=HI|;     0; -1",
        "header tag missing;        35=0|34=2|49=TW|52=20240101-00:00:00.000|;                   1; 56",
        "component field missing;   " +
            "35=D|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|40=1|60=20240101-00:00:00|54=1|21=3|11=id|; 1; 55",
        "tag of another message;    35=0|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|55=MSFT|;   2; 55",
        "empty value;               35=0|34=2|49=TW|52=20240101-00:00:00.000|56=|;               4; 56",
        "bad enum;                  " +
            "35=D|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|11=ID|21=3|38=100|40=w|54=1|55=INTC|60=" +
            "20240101-00:00:00|; 5; 40",
        "plus sign in quantity;     " +
            "35=D|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|11=ID|21=1|40=1|54=1|38=+200.00|55=INTC|60=" +
            "20240101-00:00:00|; 6; 38",
        "date for a timestamp;      " +
            "35=D|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|11=ID|21=3|38=100|40=1|54=1|55=IVP|60=" +
            "20240101-00:00:00|126=20040415|; 6; 126",
        "invalid MsgType;           35=*|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|;           11; 35",
        "repeated tag;              " +
            "35=D|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|11=ID|21=1|40=1|54=1|40=2|38=200.00|55=INTC|60=" +
            "20240101-00:00:00|; 13; 40",
        "header after body;         " +
            "35=D|11=id|21=3|40=1|54=1|55=MSFT|60=20240101-00:00:00|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|; " +
            "14; 34",
        "group members out of " +
            "order;35=D|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|11=ID|21=1|40=1|54=1|38=200.00|55=INTC|78=2|79=" +
            "a1|80=50|661=X|79=a2|80=150|661=X|60=20240101-00:00:00|; 15; 661",
        "group without delimiter;   " +
            "35=C|34=2|49=TW|56=ISLD|52=20240101-00:00:00.000|164=t|94=0|147=s|146=1|864=1|865=1|33=1|58=test|354=1|" +
            "355=1|; 15; 864",
        "wrong group count;         " +
            "35=D|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|11=ID|21=1|40=1|54=1|38=200.00|55=INTC|386=3|336=PRE|" +
            "336=AFTER|60=20240101-00:00:00|; 16; 386",
        "group instance incomplete; 35=E|34=2|49=TW|56=ISLD|52=20240101-00:00:00.000|66=L1|394=1|68=1|73=1|11=A|; 1; " +
            "67",
    })
    void rejectsWithTheReasonAndTagConformanceSuitesExpect(final String problem, final String fields, final int reason,
        final int refTag)
    {
        final byte[] frame = RawFix.frame(fields.trim());
        assertTrue(message.wrap(frame, 0, frame.length, DICTIONARY::isDataTag));
        validator.validate(message, result);
        assertEquals(reason, result.reason(), problem + ": " + result);
        assertEquals(refTag, result.refTag(), problem + ": " + result);
    }

    @Test
    void acceptsTheMarketDataRequests()
    {
        assertValid("35=V|" + HEADER +
            "262=R1|263=0|264=5|265=1|266=Y|267=3|269=0|269=1|269=B|146=2|55=CEA-2024|55=CCER|");
        assertValid("35=x|" + HEADER + "320=L1|559=4|");
        assertValid("35=x|" + HEADER + "320=L2|559=0|55=CEA-2025|263=0|");
        assertValid("35=g|" + HEADER + "335=S1|336=CEA-2025|263=0|");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "V without MarketDepth;           " +
            "35=V|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|262=R|263=0|267=1|269=0|146=1|55=X|; 1; 264",
        "V without symbols;               " +
            "35=V|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|262=R|263=0|264=0|267=1|269=0|; 1; 146",
        "V with an undefined request " +
            "type;35=V|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|262=R|263=7|264=0|267=1|269=0|146=1|55=X|; 5; 263",
        "V with an undefined entry type;  " +
            "35=V|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|262=R|263=0|264=0|267=1|269=Z|146=1|55=X|; 5; 269",
        "V with a wrong entry count;      " +
            "35=V|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|262=R|263=0|264=0|267=2|269=0|146=1|55=X|; 16; 267",
        "V with a text depth;             " +
            "35=V|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|262=R|263=0|264=ALL|267=1|269=0|146=1|55=X|; 6; 264",
        "x without its request type;      35=x|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|320=L|; 1; 559",
        "x with an undefined request type;35=x|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|320=L|559=9|; 5; 559",
        "g without SubscriptionRequestType;35=g|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|335=S|; 1; 263",
        "g with an order's field;         35=g|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|335=S|263=0|54=1|; 2; 54",
    })
    void rejectsBadMarketDataRequestsLikeEveryOtherMessage(final String problem, final String fields, final int reason,
        final int refTag)
    {
        rejectsWithTheReasonAndTagConformanceSuitesExpect(problem, fields, reason, refTag);
    }

    @Test
    void reportsAnEmptyHeaderFieldBeforeABadBodyValue()
    {
        final byte[] frame =
            RawFix.frame("35=D|" + HEADER +
                "128=JCD|129=CS|145=|11=ID|21=3|38=100|40=w|54=1|55=INTC|60=20240101-00:00:00|");
        message.wrap(frame, 0, frame.length, DICTIONARY::isDataTag);
        validator.validate(message, result);
        assertEquals(SessionRejectReason.TAG_SPECIFIED_WITHOUT_VALUE, result.reason());
        assertEquals(145, result.refTag());
    }

    @Test
    void namesTheMissingDelimiterAndTheFormatProblemInText()
    {
        final byte[] frame = RawFix.frame("35=C|" + HEADER + "164=t|94=0|147=s|146=1|864=1|865=1|33=1|58=test|");
        message.wrap(frame, 0, frame.length, DICTIONARY::isDataTag);
        validator.validate(message, result);
        assertEquals("The group 146 must set the delimiter field 55", result.text());
        final byte[] badQty = RawFix.frame("35=D|" + HEADER + ORDER.replace("38=200.00", "38=1e5"));
        message.wrap(badQty, 0, badQty.length, DICTIONARY::isDataTag);
        validator.validate(message, result);
        assertEquals("Incorrect data format for value, field=38", result.text());
    }

    private void assertValid(final String fields)
    {
        final byte[] frame = RawFix.frame(fields);
        assertTrue(message.wrap(frame, 0, frame.length, DICTIONARY::isDataTag));
        assertTrue(validator.validate(message, result), fields + ": " + result);
    }
}
