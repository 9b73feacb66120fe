package io.carbonx.fix.dictionary;

/** SessionRejectReason (373) values of FIX 4.4 and the Text the gateway sends with each. */
public final class SessionRejectReason
{
    public static final int INVALID_TAG_NUMBER = 0;
    public static final int REQUIRED_TAG_MISSING = 1;
    public static final int TAG_NOT_DEFINED_FOR_MESSAGE_TYPE = 2;
    public static final int UNDEFINED_TAG = 3;
    public static final int TAG_SPECIFIED_WITHOUT_VALUE = 4;
    public static final int VALUE_INCORRECT = 5;
    public static final int INCORRECT_DATA_FORMAT = 6;
    public static final int DECRYPTION_PROBLEM = 7;
    public static final int SIGNATURE_PROBLEM = 8;
    public static final int COMPID_PROBLEM = 9;
    public static final int SENDING_TIME_ACCURACY_PROBLEM = 10;
    public static final int INVALID_MSG_TYPE = 11;
    public static final int XML_VALIDATION_ERROR = 12;
    public static final int TAG_APPEARS_MORE_THAN_ONCE = 13;
    public static final int TAG_OUT_OF_REQUIRED_ORDER = 14;
    public static final int REPEATING_GROUP_FIELDS_OUT_OF_ORDER = 15;
    public static final int INCORRECT_NUM_IN_GROUP_COUNT = 16;
    public static final int NON_DATA_VALUE_INCLUDES_DELIMITER = 17;
    public static final int OTHER = 99;

    private SessionRejectReason()
    {
    }

    /** The wording QuickFIX and its acceptance suite use, which counterparties' tooling recognises. */
    public static String text(final int reason)
    {
        switch (reason)
        {
            case INVALID_TAG_NUMBER: return "Invalid tag number";
            case REQUIRED_TAG_MISSING: return "Required tag missing";
            case TAG_NOT_DEFINED_FOR_MESSAGE_TYPE: return "Tag not defined for this message type";
            case UNDEFINED_TAG: return "Undefined Tag";
            case TAG_SPECIFIED_WITHOUT_VALUE: return "Tag specified without a value";
            case VALUE_INCORRECT: return "Value is incorrect (out of range) for this tag";
            case INCORRECT_DATA_FORMAT: return "Incorrect data format for value";
            case DECRYPTION_PROBLEM: return "Decryption problem";
            case SIGNATURE_PROBLEM: return "Signature problem";
            case COMPID_PROBLEM: return "CompID problem";
            case SENDING_TIME_ACCURACY_PROBLEM: return "SendingTime accuracy problem";
            case INVALID_MSG_TYPE: return "Invalid MsgType";
            case XML_VALIDATION_ERROR: return "XML Validation error";
            case TAG_APPEARS_MORE_THAN_ONCE: return "Tag appears more than once";
            case TAG_OUT_OF_REQUIRED_ORDER: return "Tag specified out of required order";
            case REPEATING_GROUP_FIELDS_OUT_OF_ORDER: return "Out of order repeating group members";
            case INCORRECT_NUM_IN_GROUP_COUNT: return "Incorrect NumInGroup count for repeating group";
            case NON_DATA_VALUE_INCLUDES_DELIMITER: return "Non Data value includes field delimiter (SOH character)";
            default: return "Other";
        }
    }
}
