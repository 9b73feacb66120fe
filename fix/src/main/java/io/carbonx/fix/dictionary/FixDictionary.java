package io.carbonx.fix.dictionary;

import io.carbonx.fix.codec.MsgTypes;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The FIX 4.4 data dictionary as compact lookup tables: field types and enumerations indexed by
 * tag, and one {@link FieldScope} per message, group, header and trailer.
 *
 * <p>It is read at start-up from QuickFIX/J's {@code FIX44.xml}, which the build copies out of the
 * QuickFIX/J artifact the root pom pins. That file is the dictionary QuickFIX/J, QuickFIX and most
 * counterparties validate with, so using it (rather than a hand-written table) keeps our notion of
 * a valid message the same as theirs, and a dictionary upgrade is a version bump, not a code change.
 * Parsing it takes a few tens of milliseconds, once.
 */
public final class FixDictionary
{
    public static final String FIX44_RESOURCE = "/io/carbonx/fix/dictionary/FIX44.xml";

    private final String beginString;
    private final FieldType[] types;
    private final byte[][][] enumValues;
    private final FieldScope header;
    private final FieldScope trailer;
    private final Int2ObjectHashMap<FieldScope> messages = new Int2ObjectHashMap<>();
    private final IntHashSet adminMessages = new IntHashSet();

    private FixDictionary(final Element root)
    {
        beginString = "FIX." + root.getAttribute("major") + "." + root.getAttribute("minor");
        final Map<String, Integer> tagsByName = new HashMap<>();
        int maxTag = 0;
        for (final Element field : children(child(root, "fields"), "field"))
        {
            final int tag = Integer.parseInt(field.getAttribute("number"));
            tagsByName.put(field.getAttribute("name"), tag);
            maxTag = Math.max(maxTag, tag);
        }
        types = new FieldType[maxTag + 1];
        enumValues = new byte[maxTag + 1][][];
        for (final Element field : children(child(root, "fields"), "field"))
        {
            final int tag = Integer.parseInt(field.getAttribute("number"));
            types[tag] = FieldType.valueOf(field.getAttribute("type"));
            final List<byte[]> list = new ArrayList<>();
            for (final Element value : children(field, "value"))
            {
                list.add(value.getAttribute("enum").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (!list.isEmpty())
            {
                enumValues[tag] = list.toArray(new byte[0][]);
            }
        }
        final Map<String, Element> components = new HashMap<>();
        for (final Element component : children(child(root, "components"), "component"))
        {
            components.put(component.getAttribute("name"), component);
        }
        final ScopeBuilder scopes = new ScopeBuilder(tagsByName, components);
        header = scopes.build("header", child(root, "header"));
        trailer = scopes.build("trailer", child(root, "trailer"));
        for (final Element message : children(child(root, "messages"), "message"))
        {
            final int key = MsgTypes.key(message.getAttribute("msgtype"));
            messages.put(key, scopes.build(message.getAttribute("name"), message));
            if ("admin".equals(message.getAttribute("msgcat")))
            {
                adminMessages.add(key);
            }
        }
    }

    /** Loads the FIX 4.4 dictionary from the classpath. */
    public static FixDictionary fix44()
    {
        try (InputStream in = FixDictionary.class.getResourceAsStream(FIX44_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(FIX44_RESOURCE +
                    " is not on the classpath (the build copies it from QuickFIX/J)");
            }
            return load(in);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a dictionary in QuickFIX's XML format. */
    public static FixDictionary load(final InputStream xml) throws IOException
    {
        try
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            final Document document = factory.newDocumentBuilder().parse(xml);
            return new FixDictionary(document.getDocumentElement());
        }
        catch (final ParserConfigurationException | SAXException e)
        {
            throw new IOException("Cannot read FIX dictionary: " + e.getMessage(), e);
        }
    }

    public String beginString()
    {
        return beginString;
    }

    /** The type of a tag, or null when the dictionary does not define it. */
    public FieldType type(final int tag)
    {
        return tag >= 0 && tag < types.length ? types[tag] : null;
    }

    public boolean isDefined(final int tag)
    {
        return type(tag) != null;
    }

    /** True for DATA fields, whose value may hold any byte and whose length the preceding field gives. */
    public boolean isDataTag(final int tag)
    {
        return type(tag) == FieldType.DATA;
    }

    /** True when the tag has no enumeration or the value is one of its values. */
    public boolean isAllowedValue(final int tag, final byte[] b, final int offset, final int length)
    {
        final byte[][] values = tag >= 0 && tag < enumValues.length ? enumValues[tag] : null;
        if (values == null)
        {
            return true;
        }
        if (types[tag] != FieldType.MULTIPLEVALUESTRING)
        {
            return isOneOf(values, b, offset, length);
        }
        int start = offset;
        final int end = offset + length;
        for (int p = offset; p <= end; p++)
        {
            if (p == end || b[p] == ' ')
            {
                if (!isOneOf(values, b, start, p - start))
                {
                    return false;
                }
                start = p + 1;
            }
        }
        return true;
    }

    private static boolean isOneOf(final byte[][] values, final byte[] b, final int offset, final int length)
    {
        for (final byte[] value : values)
        {
            if (Arrays.equals(value, 0, value.length, b, offset, offset + length))
            {
                return true;
            }
        }
        return false;
    }

    public FieldScope header()
    {
        return header;
    }

    public FieldScope trailer()
    {
        return trailer;
    }

    /** The body layout of a message type, or null when the dictionary does not define the type. */
    public FieldScope message(final int msgTypeKey)
    {
        return messages.get(msgTypeKey);
    }

    /** True for the session-level message types (msgcat="admin"). */
    public boolean isAdmin(final int msgTypeKey)
    {
        return adminMessages.contains(msgTypeKey);
    }

    private static Element child(final Element parent, final String name)
    {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
        {
            if (n instanceof Element && name.equals(n.getNodeName()))
            {
                return (Element) n;
            }
        }
        throw new IllegalArgumentException("FIX dictionary has no <" + name + "> in <" + parent.getNodeName() + ">");
    }

    /** The element children, optionally only those with this name. */
    private static List<Element> children(final Element parent, final String name)
    {
        final List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
        {
            if (n instanceof Element && (name == null || name.equals(n.getNodeName())))
            {
                list.add((Element) n);
            }
        }
        return list;
    }

    /** Flattens components and builds group scopes recursively. */
    private static final class ScopeBuilder
    {
        private final Map<String, Integer> tagsByName;
        private final Map<String, Element> components;

        ScopeBuilder(final Map<String, Integer> tagsByName, final Map<String, Element> components)
        {
            this.tagsByName = tagsByName;
            this.components = components;
        }

        FieldScope build(final String name, final Element definition)
        {
            final IntArrayList members = new IntArrayList();
            final IntArrayList required = new IntArrayList();
            final Int2ObjectHashMap<FieldScope> groups = new Int2ObjectHashMap<>();
            expand(definition, true, members, required, groups);
            return new FieldScope(name, members.toIntArray(), required.toIntArray(), groups);
        }

        /**
         * A field inside a component is required only when the component is required where it is
         * used: an optional Instrument need not carry its Symbol.
         */
        private void expand(final Element definition, final boolean requiredContext, final IntArrayList members,
            final IntArrayList required,
                            final Int2ObjectHashMap<FieldScope> groups)
        {
            for (final Element child : children(definition, null))
            {
                final String name = child.getAttribute("name");
                final boolean isRequired = requiredContext && "Y".equals(child.getAttribute("required"));
                switch (child.getNodeName())
                {
                    case "field":
                        members.addInt(tag(name));
                        if (isRequired)
                        {
                            required.addInt(tag(name));
                        }
                        break;
                    case "component":
                        final Element component = components.get(name);
                        if (component == null)
                        {
                            throw new IllegalArgumentException("FIX dictionary uses undefined component " + name);
                        }
                        expand(component, isRequired, members, required, groups);
                        break;
                    case "group":
                        final int countTag = tag(name);
                        members.addInt(countTag);
                        if (isRequired)
                        {
                            required.addInt(countTag);
                        }
                        groups.put(countTag, build(name, child));
                        break;
                    default:
                        throw new IllegalArgumentException("Unexpected <" + child.getNodeName() +
                            "> in FIX dictionary");
                }
            }
        }

        private int tag(final String name)
        {
            final Integer tag = tagsByName.get(name);
            if (tag == null)
            {
                throw new IllegalArgumentException("FIX dictionary uses undefined field " + name);
            }
            return tag;
        }
    }
}
