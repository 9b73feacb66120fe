package io.carbonx.fix.dictionary;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixNumbers;
import io.carbonx.fix.codec.FixTags;

import java.util.Arrays;

/**
 * Checks a decoded message against the dictionary in one pass over its fields: section order
 * (header, body, trailer), repeated tags, repeating-group structure and counts, required fields,
 * empty values, data formats, enumerations, unknown tags and tags foreign to the message type.
 *
 * <p>When a message has several problems the one reported is the one QuickFIX/J would report,
 * because counterparties' conformance suites are written against it: structural errors first,
 * then missing required fields (header, trailer, body, groups), then field-by-field problems in
 * the same section order. The pass records the first problem of each category and picks at the
 * end, so nothing is walked twice.
 *
 * <p>Not thread-safe: one instance per event loop. Allocation-free.
 */
public final class MessageValidator
{
    /** Tags below this are tracked for presence and repetition; it covers the user-defined range. */
    private static final int TRACKED_TAGS = 10_000;

    private static final int STRUCTURE = 0;
    private static final int REQUIRED_HEADER = 1;
    private static final int REQUIRED_TRAILER = 2;
    private static final int REQUIRED_BODY = 3;
    private static final int REQUIRED_GROUP = 4;
    private static final int VALUE_HEADER = 5;
    private static final int VALUE_TRAILER = 6;
    private static final int VALUE_BODY = 7;
    private static final int VALUE_GROUP = 8;
    private static final int CATEGORIES = 9;

    private final FixDictionary dictionary;
    /** Top-level fields (header, body, trailer are disjoint) seen in the current message: seen[tag] == generation. */
    private final int[] seen = new int[TRACKED_TAGS];
    private int generation;
    private final int[] problemReason = new int[CATEGORIES];
    private final int[] problemTag = new int[CATEGORIES];
    private final int[] problemGroupTag = new int[CATEGORIES];
    private final int[] problemDelimiterTag = new int[CATEGORIES];
    private FixMessage message;

    public MessageValidator(final FixDictionary dictionary)
    {
        this.dictionary = dictionary;
    }

    /** @return true when the message is valid; otherwise {@code result} holds the problem to reject it with */
    public boolean validate(final FixMessage message, final ValidationResult result)
    {
        result.clear();
        final FieldScope body = dictionary.message(message.msgTypeKey());
        if (body == null)
        {
            result.set(SessionRejectReason.INVALID_MSG_TYPE, FixTags.MSG_TYPE, 0, 0);
            return false;
        }
        this.message = message;
        nextGeneration();
        Arrays.fill(problemReason, ValidationResult.VALID);
        walk(body);
        checkRequired(dictionary.header(), REQUIRED_HEADER);
        checkRequired(dictionary.trailer(), REQUIRED_TRAILER);
        checkRequired(body, REQUIRED_BODY);
        this.message = null;
        for (int c = 0; c < CATEGORIES; c++)
        {
            if (problemReason[c] != ValidationResult.VALID)
            {
                result.set(problemReason[c], problemTag[c], problemGroupTag[c], problemDelimiterTag[c]);
                return false;
            }
        }
        return true;
    }

    private void walk(final FieldScope body)
    {
        final FieldScope header = dictionary.header();
        final FieldScope trailer = dictionary.trailer();
        final int n = message.fieldCount();
        boolean inHeader = true;
        boolean inTrailer = false;
        int i = 0;
        while (i < n)
        {
            final int tag = message.tagAt(i);
            if (trailer.contains(tag))
            {
                inTrailer = true;
                markTopLevel(tag);
                checkValue(i, tag, VALUE_TRAILER, null);
                i++;
                continue;
            }
            if (inTrailer)
            {
                problem(STRUCTURE, SessionRejectReason.TAG_OUT_OF_REQUIRED_ORDER, tag);
            }
            final boolean headerField = header.contains(tag);
            if (headerField && !inHeader)
            {
                problem(STRUCTURE, SessionRejectReason.TAG_OUT_OF_REQUIRED_ORDER, tag);
            }
            inHeader &= headerField;
            final FieldScope scope = headerField ? header : body;
            final int category = headerField ? VALUE_HEADER : VALUE_BODY;
            markTopLevel(tag);
            checkValue(i, tag, category, headerField ? null : body);
            final FieldScope group = scope.group(tag);
            i = group != null ? walkGroup(group, i, category) : i + 1;
        }
    }

    /** Walks the instances of the group whose count field is at countIndex; returns the index after them. */
    private int walkGroup(final FieldScope group, final int countIndex, final int countCategory)
    {
        final int countTag = message.tagAt(countIndex);
        final long declared = message.longAt(countIndex);
        final int delimiter = group.delimiterTag();
        final int n = message.fieldCount();
        int instances = 0;
        int previousPosition = -1;
        long present = 0;
        int i = countIndex + 1;
        while (i < n)
        {
            final int tag = message.tagAt(i);
            final int position = group.position(tag);
            if (position < 0)
            {
                break;
            }
            if (tag == delimiter)
            {
                if (instances > 0)
                {
                    checkGroupRequired(group, present);
                }
                instances++;
                present = 0;
            }
            else if (instances == 0)
            {
                problem(STRUCTURE, SessionRejectReason.REPEATING_GROUP_FIELDS_OUT_OF_ORDER, tag, countTag, delimiter);
                break;
            }
            else if (position <= previousPosition)
            {
                problem(STRUCTURE, SessionRejectReason.REPEATING_GROUP_FIELDS_OUT_OF_ORDER, tag);
            }
            previousPosition = position;
            present |= requiredBit(group, tag);
            checkValue(i, tag, VALUE_GROUP, null);
            final FieldScope nested = group.group(tag);
            i = nested != null ? walkGroup(nested, i, VALUE_GROUP) : i + 1;
        }
        if (instances > 0)
        {
            checkGroupRequired(group, present);
        }
        if (declared >= 0 && declared != instances)
        {
            problem(countCategory, SessionRejectReason.INCORRECT_NUM_IN_GROUP_COUNT, countTag);
        }
        return i;
    }

    /** Empty value, then format, then enumeration, then whether the tag exists, then whether it belongs here. */
    private void checkValue(final int index, final int tag, final int category, final FieldScope messageScope)
    {
        final int length = message.valueLength(index);
        if (length == 0)
        {
            problem(category, SessionRejectReason.TAG_SPECIFIED_WITHOUT_VALUE, tag);
            return;
        }
        final FieldType type = dictionary.type(tag);
        if (type == null)
        {
            problem(category, SessionRejectReason.INVALID_TAG_NUMBER, tag);
            return;
        }
        final byte[] buffer = message.buffer();
        final int offset = message.valueOffset(index);
        final int format = type.check(buffer, offset, length);
        if (format == FixNumbers.BAD_FORMAT)
        {
            problem(category, SessionRejectReason.INCORRECT_DATA_FORMAT, tag);
        }
        else if (format == FixNumbers.OUT_OF_RANGE)
        {
            problem(category, SessionRejectReason.VALUE_INCORRECT, tag);
        }
        else if (!dictionary.isAllowedValue(tag, buffer, offset, length))
        {
            problem(category, SessionRejectReason.VALUE_INCORRECT, tag);
        }
        else if (messageScope != null && !messageScope.contains(tag))
        {
            problem(category, SessionRejectReason.TAG_NOT_DEFINED_FOR_MESSAGE_TYPE, tag);
        }
    }

    private void checkRequired(final FieldScope scope, final int category)
    {
        for (final int tag : scope.requiredTags())
        {
            if (seen[tag] != generation)
            {
                problem(category, SessionRejectReason.REQUIRED_TAG_MISSING, tag);
                return;
            }
        }
    }

    private void checkGroupRequired(final FieldScope group, final long present)
    {
        final int[] required = group.requiredTags();
        for (int k = 0; k < Math.min(required.length, Long.SIZE); k++)
        {
            if ((present & (1L << k)) == 0)
            {
                problem(REQUIRED_GROUP, SessionRejectReason.REQUIRED_TAG_MISSING, required[k]);
                return;
            }
        }
    }

    private static long requiredBit(final FieldScope group, final int tag)
    {
        final int k = group.requiredIndex(tag);
        return k >= 0 && k < Long.SIZE ? 1L << k : 0;
    }

    private void markTopLevel(final int tag)
    {
        if (tag < 0 || tag >= TRACKED_TAGS)
        {
            return;
        }
        if (seen[tag] == generation)
        {
            problem(STRUCTURE, SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE, tag);
        }
        seen[tag] = generation;
    }

    private void nextGeneration()
    {
        if (++generation == 0)
        {
            Arrays.fill(seen, 0);
            generation = 1;
        }
    }

    private void problem(final int category, final int reason, final int tag)
    {
        problem(category, reason, tag, 0, 0);
    }

    private void problem(final int category, final int reason, final int tag, final int groupTag,
        final int delimiterTag)
    {
        if (problemReason[category] == ValidationResult.VALID)
        {
            problemReason[category] = reason;
            problemTag[category] = tag;
            problemGroupTag[category] = groupTag;
            problemDelimiterTag[category] = delimiterTag;
        }
    }
}
