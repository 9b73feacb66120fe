package io.carbonx.fix.dictionary;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * The layout of one level of a message as the dictionary defines it: the header, the trailer, a
 * message body, or one repeating group. Components are flattened into the scope that uses them,
 * since on the wire they are indistinguishable from fields written in place.
 */
public final class FieldScope
{
    private final String name;
    private final int[] memberTags;
    private final TagIndex positions;
    private final int[] requiredTags;
    private final TagIndex requiredIndex;
    private final Int2ObjectHashMap<FieldScope> groups;

    FieldScope(final String name, final int[] memberTags, final int[] requiredTags,
        final Int2ObjectHashMap<FieldScope> groups)
    {
        this.name = name;
        this.memberTags = memberTags;
        this.positions = new TagIndex(memberTags);
        this.requiredTags = requiredTags;
        this.requiredIndex = new TagIndex(requiredTags);
        this.groups = groups;
    }

    public String name()
    {
        return name;
    }

    /** True when the tag is a field of this level (group members belong to the group's scope). */
    public boolean contains(final int tag)
    {
        return positions.contains(tag);
    }

    /** Position of the tag in the dictionary's order for this level, or -1. */
    public int position(final int tag)
    {
        return positions.get(tag);
    }

    /** The first field of a repeating group: each instance must start with it. */
    public int delimiterTag()
    {
        return memberTags[0];
    }

    int[] requiredTags()
    {
        return requiredTags;
    }

    /** Index of the tag among {@link #requiredTags()}, or -1 when it is optional. */
    int requiredIndex(final int tag)
    {
        return requiredIndex.get(tag);
    }

    /** The group whose NumInGroup field is this tag, or null. */
    public FieldScope group(final int countTag)
    {
        return groups.get(countTag);
    }

    @Override
    public String toString()
    {
        return name;
    }
}
