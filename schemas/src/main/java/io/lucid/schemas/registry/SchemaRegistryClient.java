package io.lucid.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Client of a Confluent-Schema-Registry-compatible REST API (Confluent Schema Registry, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace, Redpanda, and our own {@code infra/registry}). Producers register the
 * writer schema of every record they send and consumers fetch writer schemas by id, so the hot calls
 * ({@link #register} and {@link #schemaById}) are cached: after the first call no request reaches the registry.
 *
 * <p>Implementations are thread-safe. Failures of the registry surface as {@link SchemaRegistryException}.
 */
public interface SchemaRegistryClient {

    /**
     * A caching HTTP client of the registry at {@code baseUrl}, e.g. {@code http://localhost:8081} or
     * {@code https://user:secret@registry.example/apis/ccompat/v7} (user info becomes HTTP basic auth).
     * Several URLs separated by commas are tried in order when one is unreachable. A {@code mock://scope}
     * URL returns the {@linkplain #inMemory(String) in-memory registry} of that scope instead.
     */
    static SchemaRegistryClient connect(String baseUrl) {
        if (baseUrl.startsWith(InMemorySchemaRegistryClient.URL_PREFIX)) {
            return inMemory(baseUrl.substring(InMemorySchemaRegistryClient.URL_PREFIX.length()));
        }
        return new HttpSchemaRegistryClient(RestTransport.of(baseUrl));
    }

    /**
     * The in-process registry shared by every caller of the same {@code scope}, for tests that need no server
     * (e.g. {@code TopologyTestDriver} tests). It assigns ids but checks no compatibility.
     */
    static SchemaRegistryClient inMemory(String scope) {
        return InMemorySchemaRegistryClient.forScope(scope);
    }

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and returns its
     * global id; registering an already registered schema returns the existing id. Cached per (subject, schema).
     *
     * @throws SchemaRegistryException with error code 409 if the schema is incompatible with the subject
     */
    int register(String subject, Schema schema);

    /** The schema with this global id ({@code GET /schemas/ids/{id}}); cached forever, since ids are immutable. */
    Schema schemaById(int id);

    /** The subject's version holding {@code schema} ({@code POST /subjects/{subject}}), if it is registered there. */
    Optional<RegisteredSchema> lookup(String subject, Schema schema);

    /** The newest live version of the subject ({@code GET /subjects/{subject}/versions/latest}). */
    RegisteredSchema latestVersion(String subject);

    /** One version of the subject ({@code GET /subjects/{subject}/versions/{version}}). */
    RegisteredSchema version(String subject, int version);

    /** The live version numbers of the subject, ascending ({@code GET /subjects/{subject}/versions}). */
    List<Integer> versions(String subject);

    /** Every live subject ({@code GET /subjects}). */
    List<String> subjects();

    /**
     * Whether {@code schema} may be registered under {@code subject} given the subject's compatibility level
     * ({@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}). A subject without versions
     * accepts any schema.
     */
    CompatibilityCheck checkCompatibility(String subject, Schema schema);

    /** The global compatibility level ({@code GET /config}). */
    CompatibilityLevel compatibility();

    /** Sets the global compatibility level ({@code PUT /config}). */
    void setCompatibility(CompatibilityLevel level);

    /** The subject's own compatibility level ({@code GET /config/{subject}}), empty when it follows the global one. */
    Optional<CompatibilityLevel> compatibility(String subject);

    /** Sets the subject's own compatibility level ({@code PUT /config/{subject}}). */
    void setCompatibility(String subject, CompatibilityLevel level);

    /**
     * Deletes the subject ({@code DELETE /subjects/{subject}}): soft (its ids stay readable), or hard when
     * {@code permanent} and the subject was soft-deleted before. Returns the versions it had.
     */
    List<Integer> deleteSubject(String subject, boolean permanent);
}
