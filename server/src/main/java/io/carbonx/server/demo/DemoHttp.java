package io.carbonx.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demonstration's HTTP client: posts commands to the server's API with a user's bearer token.
 */
public final class DemoHttp
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public DemoHttp(final int port)
    {
        this.port = port;
    }

    /**
     * An answer: its status and body.
     */
    public record Answer(int status, JsonNode body)
    {
        public String error()
        {
            return body.path("error").asText();
        }
    }

    /**
     * Post a command that must succeed.
     *
     * @throws IOException when the server does not answer 200.
     */
    public JsonNode command(final String token, final String name, final String body) throws IOException,
        InterruptedException
    {
        final Answer answer = post(token, name, body);
        if (answer.status() != 200)
        {
            throw new IOException("POST /commands/" + name + " " + body + " answered " + answer.status() + ": " +
                answer.body());
        }
        return answer.body();
    }

    public Answer post(final String token, final String name, final String body) throws IOException,
        InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/commands/" + name))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }
}
