package io.carbonx.gateway.http;

import io.carbonx.gateway.http.command.OptionalField;

import io.carbonx.protocol.InvalidFieldException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads request bodies into flat request records strictly, and writes responses.
 * <p>
 * The body must be one JSON object whose keys are exactly the record's components (those marked
 * {@link OptionalField} may be left out), each of the component's JSON type: {@code long}/{@code int} take an integer
 * (not a string, not a fraction), {@code String} a string, {@code boolean} true or false. Anything else is a 400 whose
 * message names the field, e.g. {@code field 'quantity': expected an integer}. Checking the tree against the record
 * rather than letting a data binder coerce keeps every message precise and nothing silently converted.
 */
public final class StrictJson
{
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();

    private StrictJson()
    {
    }

    /**
     * @throws ApiException 400 with a precise message when the body does not fit the record.
     */
    public static <T extends Record> T read(final byte[] body, final Class<T> type)
    {
        if (body.length == 0)
        {
            throw ApiException.badRequest("a JSON object body is required");
        }
        final JsonNode tree;
        try (JsonParser parser = MAPPER.createParser(body))
        {
            tree = MAPPER.readTree(parser);
            final JsonToken trailing = parser.nextToken();
            if (trailing != null)
            {
                throw ApiException.badRequest("malformed JSON: content after the end of the object" +
                    at(parser.currentTokenLocation()));
            }
        }
        catch (final JsonProcessingException ex)
        {
            throw ApiException.badRequest("malformed JSON: " + clean(ex.getOriginalMessage()) + at(ex.getLocation()));
        }
        catch (final IOException ex)
        {
            throw ApiException.badRequest("unreadable body");
        }
        if (tree == null || !tree.isObject())
        {
            throw ApiException.badRequest("the body must be a JSON object");
        }

        final RecordComponent[] components = type.getRecordComponents();
        final Set<String> known = new TreeSet<>();
        for (final RecordComponent component : components)
        {
            known.add(component.getName());
        }
        for (final Iterator<String> names = tree.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!known.contains(name))
            {
                throw ApiException.badRequest("unknown field '" + name + "' (expected: " + String.join(", ", known) +
                    ")");
            }
        }

        final List<Object> values = new ArrayList<>(components.length);
        final Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++)
        {
            final RecordComponent component = components[i];
            types[i] = component.getType();
            values.add(value(component, tree.get(component.getName())));
        }
        try
        {
            final Constructor<T> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values.toArray());
        }
        catch (final InvocationTargetException ex)
        {
            if (ex.getCause() instanceof ApiException apiException)
            {
                throw apiException;
            }
            if (ex.getCause() instanceof InvalidFieldException invalid)
            {
                throw invalid;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), ex.getCause());
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), ex);
        }
    }

    private static String at(final JsonLocation location)
    {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * The parser's message without what only its authors need: the source description and any later lines.
     */
    private static String clean(final String message)
    {
        String text = message == null ? "unreadable" : message.split("\n")[0];
        final int source = text.indexOf("[Source:");
        if (source >= 0)
        {
            text = text.substring(0, source).trim();
        }
        final int marker = text.indexOf(" (start marker at");
        if (marker >= 0)
        {
            text = text.substring(0, marker);
        }
        return text.endsWith(":") ? text.substring(0, text.length() - 1) : text;
    }

    public static byte[] write(final Object value)
    {
        try
        {
            return MAPPER.writeValueAsBytes(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Object value(final RecordComponent component, final JsonNode node)
    {
        final String name = component.getName();
        final Class<?> type = component.getType();
        if (node == null || node.isNull())
        {
            if (component.isAnnotationPresent(OptionalField.class))
            {
                return type == long.class ? (Object)0L : type == int.class ? (Object)0 : type == boolean.class ? false
                    : null;
            }
            throw ApiException.badRequest("field '" + name + "': required" + (node == null ? "" : ", was null"));
        }
        if (type == long.class || type == Long.class)
        {
            if (!node.isIntegralNumber() || !node.canConvertToLong())
            {
                throw mismatch(name, "an integer", node);
            }
            return node.longValue();
        }
        if (type == int.class || type == Integer.class)
        {
            if (!node.isIntegralNumber() || !node.canConvertToInt())
            {
                throw mismatch(name, "an integer", node);
            }
            return node.intValue();
        }
        if (type == boolean.class || type == Boolean.class)
        {
            if (!node.isBoolean())
            {
                throw mismatch(name, "true or false", node);
            }
            return node.booleanValue();
        }
        if (type == String.class)
        {
            if (!node.isTextual())
            {
                throw mismatch(name, "a string", node);
            }
            return node.textValue();
        }
        if (type == List.class)
        {
            // Lists of strings only (labels): every element a string.
            if (!node.isArray())
            {
                throw mismatch(name, "an array of strings", node);
            }
            final List<String> items = new ArrayList<>(node.size());
            for (final JsonNode item : node)
            {
                if (!item.isTextual())
                {
                    throw mismatch(name + "[" + items.size() + "]", "a string", item);
                }
                items.add(item.textValue());
            }
            return List.copyOf(items);
        }
        throw new IllegalStateException("request field " + name + " has an unsupported type " + type);
    }

    private static ApiException mismatch(final String name, final String expected, final JsonNode node)
    {
        final String was;
        if (node.isTextual())
        {
            was = "a string";
        }
        else if (node.isIntegralNumber())
        {
            was = node.canConvertToLong() ? "an integer" : "an integer out of range";
        }
        else if (node.isNumber())
        {
            was = "a fraction";
        }
        else if (node.isBoolean())
        {
            was = "a boolean";
        }
        else
        {
            was = node.isArray() ? "an array" : node.isObject() ? "an object" : node.getNodeType().toString();
        }
        return ApiException.badRequest("field '" + name + "': expected " + expected + ", was " + was);
    }
}
