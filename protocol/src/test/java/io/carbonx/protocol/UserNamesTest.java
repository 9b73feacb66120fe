package io.carbonx.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A command's user id, read with its source, names the configured FIX session or API user it was numbered from.
 */
class UserNamesTest
{
    private final UserNames names = new UserNames(List.of("BROKER1", "FOREST"), List.of("mee", "huaneng"));

    @Test
    void usersAreNamedByTheirPositionInTheirSourcesList()
    {
        assertEquals("mee", names.name(SourceIds.HTTP, UserIds.apiUser(0)));
        assertEquals("huaneng", names.name(SourceIds.HTTP, UserIds.apiUser(1)));
        assertEquals("fix:BROKER1", names.name(SourceIds.FIX, UserIds.fixSession(0)));
        assertEquals("fix:FOREST", names.name(SourceIds.FIX, UserIds.fixSession(1)));
        assertEquals("exchange", names.name(SourceIds.EXCHANGE, UserIds.EXCHANGE));
        assertEquals("exchange", names.name(SourceIds.HTTP, UserIds.EXCHANGE));
    }

    @Test
    void aUserTheConfigurationDoesNotHaveIsNamedByItsIds()
    {
        assertEquals("2:3", names.name(SourceIds.HTTP, 3));
        assertEquals("1:3", names.name(SourceIds.FIX, 3));
        assertEquals("7:1", names.name(7, 1));
        assertEquals("2:1", UserNames.NONE.name(SourceIds.HTTP, 1));
    }
}
