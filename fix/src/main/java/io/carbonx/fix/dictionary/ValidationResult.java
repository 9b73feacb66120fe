package io.carbonx.fix.dictionary;

/**
 * The outcome of {@link MessageValidator#validate}: valid, or the first problem as a
 * SessionRejectReason and the tag it concerns. Mutable and reused so validating allocates nothing;
 * the Text is only built when a Reject is actually sent.
 */
public final class ValidationResult
{
    public static final int VALID = -1;

    private int reason = VALID;
    private int refTag;
    private int groupCountTag;
    private int groupDelimiterTag;

    void clear()
    {
        reason = VALID;
        refTag = 0;
        groupCountTag = 0;
        groupDelimiterTag = 0;
    }

    void set(final int reason, final int refTag, final int groupCountTag, final int groupDelimiterTag)
    {
        this.reason = reason;
        this.refTag = refTag;
        this.groupCountTag = groupCountTag;
        this.groupDelimiterTag = groupDelimiterTag;
    }

    public boolean isValid()
    {
        return reason == VALID;
    }

    /** SessionRejectReason (373), or {@link #VALID}. */
    public int reason()
    {
        return reason;
    }

    /** RefTagID (371): the tag at fault. */
    public int refTag()
    {
        return refTag;
    }

    /** Text (58) for the Reject. */
    public String text()
    {
        if (groupDelimiterTag != 0)
        {
            // say what is missing: the member's tag alone does not tell the sender which group lost its first field
            return "The group " + groupCountTag + " must set the delimiter field " + groupDelimiterTag;
        }
        if (reason == SessionRejectReason.INCORRECT_DATA_FORMAT)
        {
            return SessionRejectReason.text(reason) + ", field=" + refTag;
        }
        return SessionRejectReason.text(reason);
    }

    @Override
    public String toString()
    {
        return isValid() ? "valid" : text() + " (373=" + reason + ", 371=" + refTag + ")";
    }
}
