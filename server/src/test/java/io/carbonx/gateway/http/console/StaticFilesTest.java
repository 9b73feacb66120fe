package io.carbonx.gateway.http.console;

import io.carbonx.gateway.http.ApiResponse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only plain relative names reach the class path, and only files of a known type are served.
 */
class StaticFilesTest
{
    private final StaticFiles files = new StaticFiles("console/static", "no-cache");

    @Test
    void onlyPlainNamesArePaths()
    {
        assertTrue(StaticFiles.isPlain("console.css"));
        assertTrue(StaticFiles.isPlain("js/pages/market.js"));
        for (final String path : new String[] {"", "..", "../x.css", "js/../console.css", "a//b.css", "/etc/passwd",
            ".hidden.css", "%2e%2e/x.css", "a\\b.css", "a/./b.css", "x..css", "js/", "a b.css"})
        {
            assertFalse(StaticFiles.isPlain(path), path);
        }
        assertFalse(StaticFiles.isPlain(null));
    }

    @Test
    void knownFilesAreServedWithTypeAndValidators()
    {
        final ApiResponse css = files.get("console.css", null);
        assertNotNull(css);
        assertEquals(200, css.status());
        assertEquals("text/css; charset=utf-8", css.contentType());
        assertEquals("no-cache", css.headers().get("Cache-Control"));
        assertEquals(304, files.get("console.css", css.headers().get("ETag")).status());
        assertEquals(200, files.get("console.css", "\"other\"").status());
        assertNull(files.get("missing.css", null));
        assertNull(files.get("../pages/market.html", null));
        assertNull(files.get("console", null), "no extension");
    }
}
