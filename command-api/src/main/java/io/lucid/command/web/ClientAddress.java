package io.lucid.command.web;

import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;

/**
 * The address a request came from: the TCP peer. Forwarding headers are not trusted, since nothing guarantees a
 * proxy in front set them; behind a trusted proxy, configure it here.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }
}
