package io.lucid.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.registry.store.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    static final String V1 = CompatibilityCheckerTest.record("{\"name\":\"a\",\"type\":\"int\"}").toString();
    static final String V2 = CompatibilityCheckerTest.record("{\"name\":\"a\",\"type\":\"int\"}",
            "{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}").toString();
    static final String INCOMPATIBLE = CompatibilityCheckerTest.record("{\"name\":\"a\",\"type\":\"string\"}").toString();

    private final InMemoryStore store = new InMemoryStore();
    private final SchemaRegistry registry = started(store);

    @Test
    void registeringTheSameSchemaAgainReturnsTheSameIdAndNoNewVersion() {
        int first = registry.register("s", V1, null, false);
        int second = registry.register("s", V1, "AVRO", false);

        assertThat(second).isEqualTo(first);
        assertThat(registry.versions("s", false)).containsExactly(1);
    }

    @Test
    void sameSchemaTextWithOtherWhitespaceAndKeyOrderMapsToOneId() {
        int id = registry.register("s", V1, null, false);
        String reformatted = "{ \"namespace\" : \"test\", \"type\": \"record\",\n \"name\":\"Sample\",\n"
                + "  \"fields\": [ { \"type\": \"int\", \"name\": \"a\" } ] }";

        assertThat(registry.register("s", reformatted, null, false)).isEqualTo(id);
    }

    @Test
    void sameSchemaUnderAnotherSubjectKeepsItsIdWithANewVersion() {
        registry.register("other", V2, null, false);
        int id = registry.register("s", V1, null, false);

        int again = registry.register("t", V1, null, false);

        assertThat(again).isEqualTo(id);
        assertThat(registry.version("t", "latest", false).version()).isEqualTo(1);
        assertThat(registry.versionsOfId(id, false)).extracting(SchemaRegistry.Registered::subject)
                .containsExactlyInAnyOrder("s", "t");
    }

    @Test
    void idsAreGlobalAndIncreasing() {
        int a = registry.register("s", V1, null, false);
        int b = registry.register("s", V2, null, false);

        assertThat(a).isEqualTo(1);
        assertThat(b).isEqualTo(2);
        assertThat(registry.version("s", "2", false).id()).isEqualTo(2);
    }

    @Test
    void incompatibleSchemaIsRefusedWith409NamingTheProblem() {
        registry.register("s", V1, null, false);

        assertThatThrownBy(() -> registry.register("s", INCOMPATIBLE, null, false))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409))
                .hasMessageContaining("TYPE_MISMATCH").hasMessageContaining("BACKWARD_TRANSITIVE");
    }

    @Test
    void subjectLevelOverridesTheGlobalLevel() {
        registry.register("s", V1, null, false);
        registry.setSubjectCompatibility("s", Compatibility.NONE);

        assertThat(registry.register("s", INCOMPATIBLE, null, false)).isEqualTo(2);
    }

    @Test
    void concurrentRegistrationsOfOneSchemaYieldOneId() throws Exception {
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Integer> task = () -> {
                    start.await();
                    return registry.register("s", V1, null, false);
                };
                results.add(pool.submit(task));
            }
            Set<Integer> ids = ConcurrentHashMap.newKeySet();
            for (Future<Integer> result : results) {
                ids.add(result.get());
            }
            assertThat(ids).containsExactly(1);
            assertThat(registry.versions("s", false)).containsExactly(1);
            assertThat(store.entries()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void restartOnTheSameLogRestoresIdsVersionsAndConfig() {
        int id1 = registry.register("s", V1, null, false);
        int id2 = registry.register("s", V2, null, false);
        registry.setSubjectCompatibility("s", Compatibility.FULL);
        registry.setMode(Mode.READONLY);

        SchemaRegistry restarted = started(store.reopen());

        assertThat(restarted.version("s", "1", false).id()).isEqualTo(id1);
        assertThat(restarted.version("s", "latest", false).id()).isEqualTo(id2);
        assertThat(restarted.subjectCompatibility("s", false)).isEqualTo(Compatibility.FULL);
        assertThat(restarted.mode()).isEqualTo(Mode.READONLY);
        assertThat(restarted.schemaText(id1)).isEqualTo(registry.schemaText(id1));
    }

    @Test
    void restartContinuesIdsWhereTheLogEnded() {
        registry.register("s", V1, null, false);

        SchemaRegistry restarted = started(store.reopen());

        assertThat(restarted.register("s", V2, null, false)).isEqualTo(2);
    }

    @Test
    void idsOfHardDeletedSchemasAreNotReusedAfterCompaction() {
        registry.register("s", V1, null, false);
        int deletedId = registry.register("t", V2, null, false);
        registry.deleteSubject("t", false);
        registry.deleteSubject("t", true);

        SchemaRegistry restarted = started(store.compacted());

        assertThatThrownBy(() -> restarted.schemaText(deletedId))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThat(restarted.register("u", CompatibilityCheckerTest.record(
                "{\"name\":\"z\",\"type\":\"int\"}").toString(), null, false)).isEqualTo(deletedId + 1);
    }

    @Test
    void softDeletedSubjectKeepsItsIdsReadableAndCountsVersionsOn() {
        int id = registry.register("s", V1, null, false);

        assertThat(registry.deleteSubject("s", false)).containsExactly(1);

        assertThat(registry.subjects(false)).isEmpty();
        assertThat(registry.subjects(true)).containsExactly("s");
        assertThat(registry.schemaText(id)).isEqualTo(V1);
        assertThat(registry.register("s", V1, null, false)).isEqualTo(id);
        assertThat(registry.versions("s", false)).containsExactly(2);
    }

    @Test
    void softThenHardDeletedVersionDisappears() {
        registry.register("s", V1, null, false);
        registry.register("s", V2, null, false);

        assertThat(registry.deleteVersion("s", "2", false)).isEqualTo(2);
        assertThat(registry.deleteVersion("s", "2", true)).isEqualTo(2);

        assertThat(registry.versions("s", true)).containsExactly(1);
        assertThatThrownBy(() -> registry.schemaText(2)).isInstanceOf(RegistryException.class);
    }

    @Test
    void readOnlyModeRefusesRegistrationsAndDeletes() {
        registry.register("s", V1, null, false);
        registry.setMode(Mode.READONLY);

        assertThatThrownBy(() -> registry.register("s", V2, null, false)).isInstanceOfSatisfying(
                RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42205));
        assertThatThrownBy(() -> registry.deleteSubject("s", false)).isInstanceOfSatisfying(
                RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42205));
    }

    @Test
    void nonAvroSchemaTypesAndReferencesAreRefused() {
        assertThatThrownBy(() -> registry.register("s", "syntax = \"proto3\";", "PROTOBUF", false))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        assertThatThrownBy(() -> registry.register("s", V1, "AVRO", true))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
    }

    @Test
    void parsesVersionSpecs() {
        assertThat(SchemaRegistry.parseVersion("latest")).isEqualTo(-1);
        assertThat(SchemaRegistry.parseVersion("-1")).isEqualTo(-1);
        assertThat(SchemaRegistry.parseVersion("7")).isEqualTo(7);
        for (String invalid : List.of("0", "-2", "abc", "1.5", "")) {
            assertThatThrownBy(() -> SchemaRegistry.parseVersion(invalid)).as(invalid).isInstanceOfSatisfying(
                    RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42202));
        }
    }

    static SchemaRegistry started(InMemoryStore store) {
        SchemaRegistry registry = new SchemaRegistry(store, Compatibility.BACKWARD_TRANSITIVE);
        registry.start();
        return registry;
    }
}
