package io.carbonx.registry;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccountTypeTest
{
    @Test
    void mirrorsTheSchemaEnum() throws Exception
    {
        final Map<String, Short> schema = schemaAccountTypes();
        final Map<String, Short> mirror = new LinkedHashMap<>();
        for (final AccountType type : AccountType.values())
        {
            mirror.put(type.name(), type.value());
        }

        assertEquals(schema, mirror);
    }

    @Test
    void looksUpByCode()
    {
        for (final AccountType type : AccountType.values())
        {
            assertEquals(type, AccountType.get(type.value()));
        }
        assertThrows(IllegalArgumentException.class, () -> AccountType.get((short)0));
        assertThrows(IllegalArgumentException.class, () -> AccountType.get((short)8));
    }

    private static Map<String, Short> schemaAccountTypes() throws Exception
    {
        final Map<String, Short> types = new LinkedHashMap<>();
        try (InputStream in = AccountTypeTest.class.getResourceAsStream("/sbe/carbonx-schema.xml"))
        {
            assertNotNull(in, "schema on the class path");
            final Document schema = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            final NodeList enums = schema.getElementsByTagName("enum");
            for (int i = 0; i < enums.getLength(); i++)
            {
                final Element element = (Element)enums.item(i);
                if ("AccountType".equals(element.getAttribute("name")))
                {
                    final NodeList values = element.getElementsByTagName("validValue");
                    for (int v = 0; v < values.getLength(); v++)
                    {
                        final Element value = (Element)values.item(v);
                        types.put(value.getAttribute("name"), Short.valueOf(value.getTextContent().trim()));
                    }
                }
            }
        }

        return types;
    }
}
