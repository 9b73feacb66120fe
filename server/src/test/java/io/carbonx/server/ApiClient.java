package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client of the server's HTTP API over a real socket, with one bearer token.
 */
final class ApiClient
{
    static final String REGULATOR = "mee.regulator-demo-token";
    static final String HUANENG = "huaneng.huaneng-demo-token";
    static final String CITIC = "citic.citic-demo-token";
    static final String BROKER1 = "broker1.broker1-demo-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    ApiClient(final int port)
    {
        this.port = port;
    }

    /**
     * An answer: its status, raw body and the body as JSON (null when it is not JSON).
     */
    record Answer(int status, String body, JsonNode json)
    {
        String error()
        {
            return json == null || json.get("error") == null ? null : json.get("error").asText();
        }
    }

    Answer get(final String token, final String path) throws IOException, InterruptedException
    {
        return send(token, "GET", path, null);
    }

    Answer post(final String token, final String path, final String body) throws IOException, InterruptedException
    {
        return send(token, "POST", path, body);
    }

    Answer send(final String token, final String method, final String path, final String body)
        throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null)
        {
            request.header("Content-Type", "application/json");
        }
        final HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"))
        {
            json = JSON.readTree(response.body());
        }
        return new Answer(response.statusCode(), response.body(), json);
    }

    /**
     * The whole response, headers and body as bytes: for CSV headers and binary exports.
     */
    HttpResponse<byte[]> raw(final String token, final String method, final String path, final String body)
        throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
            .header("Authorization", "Bearer " + token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
