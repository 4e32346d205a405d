package io.lucid.schemas.serde;

import io.lucid.schemas.registry.CompatibilityCheck;
import io.lucid.schemas.registry.CompatibilityLevel;
import io.lucid.schemas.registry.RegisteredSchema;
import io.lucid.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/** Counts the hot-path calls that reach a registry, to prove the serde's caching. */
final class CountingRegistry implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    int registrations;
    int lookups;

    CountingRegistry(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        registrations++;
        return delegate.register(subject, schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        lookups++;
        return delegate.schemaById(id);
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        return delegate.lookup(subject, schema);
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return delegate.latestVersion(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return delegate.version(subject, version);
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public CompatibilityCheck checkCompatibility(String subject, Schema schema) {
        return delegate.checkCompatibility(subject, schema);
    }

    @Override
    public CompatibilityLevel compatibility() {
        return delegate.compatibility();
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        delegate.setCompatibility(level);
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        return delegate.compatibility(subject);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        delegate.setCompatibility(subject, level);
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return delegate.deleteSubject(subject, permanent);
    }
}
