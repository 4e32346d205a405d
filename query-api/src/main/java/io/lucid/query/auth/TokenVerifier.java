package io.lucid.query.auth;

import java.util.Optional;

/** Checks a bearer token (the kit's TokenRules: signature, algorithm, audience, expiry, issuer) and tells who it speaks for; empty when it is not valid. */
@FunctionalInterface
public interface TokenVerifier {

    Optional<Caller> verify(String token);
}
