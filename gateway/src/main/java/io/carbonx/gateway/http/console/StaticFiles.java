package io.carbonx.gateway.http.console;

import io.carbonx.gateway.http.ApiResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, read from the class path (the jar) once and kept in memory: the pages and their scripts and
 * styles under {@code console/}, and the charting library from its WebJar. A request names a file by a relative path
 * whose every segment is a plain name ({@code [A-Za-z0-9][A-Za-z0-9._-]*}, so no {@code ..}, no encoded characters,
 * no backslashes) with a known extension: anything else is not found, so no request reaches outside the folder.
 * Every answer carries its content type, an ETag (a digest of the content; a matching {@code If-None-Match} is answered
 * 304) and {@code X-Content-Type-Options: nosniff}.
 * <p>
 * Thread-safe: any HTTP thread reads; the cache is concurrent and its entries immutable.
 */
final class StaticFiles
{
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "json", "application/json",
        "svg", "image/svg+xml",
        "png", "image/png",
        "ico", "image/x-icon");

    private record File(byte[] content, String type, String etag)
    {
    }

    private final String root;
    private final String cacheControl;
    private final Map<String, File> cache = new ConcurrentHashMap<>();

    /**
     * @param root         the class-path folder, e.g. {@code console/static}.
     * @param cacheControl the {@code Cache-Control} of every answer.
     */
    StaticFiles(final String root, final String cacheControl)
    {
        this.root = root;
        this.cacheControl = cacheControl;
    }

    /**
     * @param relative    the path below the root, as the request spelled it.
     * @param ifNoneMatch the request's {@code If-None-Match}, or null.
     * @return the file, 304, or null when there is no such file (or the path is not a plain one).
     */
    ApiResponse get(final String relative, final String ifNoneMatch)
    {
        final File file = find(relative);
        if (file == null)
        {
            return null;
        }
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", cacheControl);
        headers.put("ETag", file.etag());
        headers.put("X-Content-Type-Options", "nosniff");
        if (file.etag().equals(ifNoneMatch))
        {
            return new ApiResponse(304, file.type(), new byte[0], headers, null);
        }
        return new ApiResponse(200, file.type(), file.content(), headers, null);
    }

    /**
     * @return whether the path names a file.
     */
    boolean exists(final String relative)
    {
        return find(relative) != null;
    }

    private File find(final String relative)
    {
        if (!isPlain(relative))
        {
            return null;
        }
        final int dot = relative.lastIndexOf('.');
        final String type = dot < 0 ? null : TYPES.get(relative.substring(dot + 1));
        if (type == null)
        {
            return null;
        }
        final File cached = cache.get(relative);
        if (cached != null)
        {
            return cached;
        }
        // only files found are kept: requests for missing ones must not grow the cache
        final File loaded = load(root + "/" + relative, type);
        if (loaded != null)
        {
            cache.putIfAbsent(relative, loaded);
        }
        return loaded;
    }

    static boolean isPlain(final String relative)
    {
        if (relative == null || relative.isEmpty())
        {
            return false;
        }
        for (final String segment : relative.split("/", -1))
        {
            if (!SEGMENT.matcher(segment).matches() || segment.contains(".."))
            {
                return false;
            }
        }
        return true;
    }

    private static File load(final String resource, final String type)
    {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource))
        {
            if (in == null)
            {
                return null;
            }
            final byte[] content = in.readAllBytes();
            return new File(content, type, etag(content));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + resource, ex);
        }
    }

    private static String etag(final byte[] content)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
