package io.lucid.devstack.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.kit.auth.TokenMinter;
import io.lucid.kit.auth.TokenRules;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge of both running APIs: which tokens they take (only HS256, an expiry, no start in the future, their own
 * audience, a bounded size: everything else is a 401 problem) and which interfaces they listen on (loopback).
 */
class EdgeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestStack stack;
    private static TokenMinter minter;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        minter = new TokenMinter(stack.jwtSecret());
    }

    private static JWTClaimsSet.Builder admin() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject("admin").issuer(TokenRules.ISSUER).audience(TokenRules.AUDIENCES)
                .claim(TokenRules.ROLES_CLAIM, List.of("ADMIN")).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    /** A command that needs a token and changes nothing when it is refused for its body. */
    private static HttpResponse<String> command(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.commandApi().resolve("/api/v1/nodes"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> read(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.queryApi().resolve("/api/v1/nodes/node_edge_probe"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthorized(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("unauthorized");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static void assertRefusedByBoth(String token) throws Exception {
        assertUnauthorized(command(token));
        assertUnauthorized(read(token));
    }

    @Test
    void aValidTokenPassesBothApis() throws Exception {
        String token = minter.sign(admin().build());
        assertThat(command(token).statusCode()).as("past authentication: only the empty body is wrong").isNotIn(401, 403);
        assertThat(read(token).statusCode()).isIn(200, 404);
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        assertRefusedByBoth(minter.sign(admin().expirationTime(null).build()));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        Date later = Date.from(Instant.now().plusSeconds(3600));
        assertRefusedByBoth(minter.sign(admin().issueTime(later).build()));
        assertRefusedByBoth(minter.sign(admin().notBeforeTime(later).build()));
    }

    @Test
    void anotherHmacAlgorithmIsRefused() throws Exception {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), admin().build());
            // HS512 needs 64 bytes of key: the secret twice, so that only the algorithm is wrong, not the key.
            byte[] key = (stack.jwtSecret() + stack.jwtSecret()).getBytes(StandardCharsets.UTF_8);
            jwt.sign(new MACSigner(key));
            assertRefusedByBoth(jwt.serialize());
        }
    }

    @Test
    void eachApiTakesOnlyTokensForItsAudience() throws Exception {
        String queryOnly = minter.sign(admin().audience(TokenRules.QUERY_AUDIENCE).build());
        assertUnauthorized(command(queryOnly));
        assertThat(read(queryOnly).statusCode()).isIn(200, 404);
        String commandOnly = minter.sign(admin().audience(TokenRules.COMMAND_AUDIENCE).build());
        assertUnauthorized(read(commandOnly));
        assertRefusedByBoth(minter.sign(admin().audience((List<String>) null).build()));
    }

    @Test
    void aHundredKilobyteTokenIs401Not413() throws Exception {
        String huge = minter.sign(admin().claim("padding", "x".repeat(75_000)).build());
        assertThat(huge.length()).isGreaterThan(100_000);
        assertRefusedByBoth(huge);
    }

    @Test
    void bothApisListenOnLoopbackOnly() throws Exception {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(network -> !isLoopback(network))
                .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assumeThat(external).as("this machine has an address other than loopback").isPresent();
        for (URI api : List.of(stack.commandApi(), stack.queryApi())) {
            assertThat(accepts(external.get(), api.getPort())).as(api + " on " + external.get()).isFalse();
            assertThat(accepts(InetAddress.getLoopbackAddress(), api.getPort())).as(api + " on loopback").isTrue();
        }
    }

    private static boolean isLoopback(NetworkInterface network) {
        try {
            return network.isLoopback();
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
