package io.carbonx.gateway.http;

/**
 * Answers one routed, authenticated request; may block (it runs on an API worker thread, never a Netty I/O thread).
 */
@FunctionalInterface
public interface RouteHandler
{
    ApiResponse handle(ApiRequest request) throws InterruptedException;
}
