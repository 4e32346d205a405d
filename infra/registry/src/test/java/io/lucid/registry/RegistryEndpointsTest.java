package io.lucid.registry;

import static io.lucid.registry.SchemaRegistryTest.INCOMPATIBLE;
import static io.lucid.registry.SchemaRegistryTest.V1;
import static io.lucid.registry.SchemaRegistryTest.V2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.registry.Http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST API over real HTTP: status codes, Confluent error codes and bodies per endpoint. */
class RegistryEndpointsTest {

    private final RegistryServer server = RegistryServer.startInMemory(0);
    private final Http http = new Http(server.uri());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rootAnswersAnEmptyObject() {
        Response response = http.get("/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{}");
        assertThat(response.contentType()).isEqualTo(Http.V1_JSON);
    }

    @Test
    void registerReturnsTheIdAndTheSchemaIsServedById() {
        Response registered = http.registerSchema("s", V1);

        assertThat(registered.status()).isEqualTo(200);
        int id = registered.json().get("id").asInt();
        Response byId = http.get("/schemas/ids/" + id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("schema").asText()).isEqualTo(V1);
        assertThat(http.get("/schemas/ids/" + id + "/schema").json()).isEqualTo(readTree(V1));
    }

    @Test
    void registerAcceptsPlainJsonAndTheGenericRegistryMediaType() {
        for (String type : new String[] {"application/json", "application/vnd.schemaregistry+json",
                "application/vnd.schemaregistry.v1+json; charset=utf-8"}) {
            Response response = http.send("POST", "/subjects/s/versions", Map.of("schema", V1), type);
            assertThat(response.status()).as(type).isEqualTo(200);
        }
    }

    @Test
    void registerRefusesOtherContentTypesWith415() {
        Response response = http.send("POST", "/subjects/s/versions", Map.of("schema", V1), "text/plain");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.errorCode()).isEqualTo(415);
    }

    @Test
    void invalidSchemaIs42201WithTheParsersMessage() {
        Response response = http.registerSchema("s", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\"}]}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorCode()).isEqualTo(42201);
        assertThat(response.json().get("message").asText()).startsWith("Invalid schema: ").contains("type");
    }

    @Test
    void defaultThatDoesNotFitItsTypeIs42201() {
        Response response = http.registerSchema("s",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}");

        assertThat(response.errorCode()).isEqualTo(42201);
        assertThat(response.json().get("message").asText()).contains("default");
    }

    @Test
    void emptySchemaIs42201() {
        assertThat(http.post("/subjects/s/versions", Map.of()).errorCode()).isEqualTo(42201);
        assertThat(http.registerSchema("s", " ").errorCode()).isEqualTo(42201);
    }

    @Test
    void malformedJsonIs400() {
        Response response = http.post("/subjects/s/versions", "{not json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo(400);
    }

    @Test
    void incompatibleSchemaIs409NamingFieldAndType() {
        http.registerSchema("s", V1);

        Response response = http.registerSchema("s", INCOMPATIBLE);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo(409);
        assertThat(response.json().get("message").asText()).contains("TYPE_MISMATCH").contains("/fields/0/type")
                .contains("STRING").contains("INT");
    }

    @Test
    void unknownSchemaIdIs40403() {
        Response response = http.get("/schemas/ids/999");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/abc").errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/999/versions").errorCode()).isEqualTo(40403);
    }

    @Test
    void versionsOfAnIdListEverySubjectUsingIt() {
        int id = http.registerSchema("s", V1).json().get("id").asInt();
        http.registerSchema("t", V1);

        Response response = http.get("/schemas/ids/" + id + "/versions");

        assertThat(response.json().toString()).isEqualTo("[{\"subject\":\"s\",\"version\":1},{\"subject\":\"t\",\"version\":1}]");
    }

    @Test
    void subjectsOfAnIdAreListedOnce() {
        int id = http.registerSchema("s", V1).json().get("id").asInt();
        http.registerSchema("t", V1);

        assertThat(http.get("/schemas/ids/" + id + "/subjects").json().toString()).isEqualTo("[\"s\",\"t\"]");
        assertThat(http.get("/schemas/ids/999/subjects").errorCode()).isEqualTo(40403);
    }

    @Test
    void noVersionIsReferencedByAnotherSinceReferencesAreRefused() {
        http.registerSchema("s", V1);

        assertThat(http.get("/subjects/s/versions/1/referencedby").json().toString()).isEqualTo("[]");
        assertThat(http.get("/subjects/s/versions/7/referencedby").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/nope/versions/1/referencedby").errorCode()).isEqualTo(40401);
    }

    @Test
    void concurrentRegistrationsOverHttpYieldOneIdAndOneVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 32; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return new Http(server.uri()).registerSchema("race", V1);
                }));
            }
            start.countDown();
            Set<Integer> ids = new HashSet<>();
            for (var call : calls) {
                Response response = call.get();
                assertThat(response.status()).isEqualTo(200);
                ids.add(response.json().get("id").asInt());
            }
            assertThat(ids).hasSize(1);
            assertThat(http.get("/subjects/race/versions").json().toString()).isEqualTo("[1]");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void subjectsAndVersionsAreListed() {
        http.registerSchema("b", V1);
        http.registerSchema("a", V1);
        http.registerSchema("a", V2);

        assertThat(http.get("/subjects").json().toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(http.get("/subjects/a/versions").json().toString()).isEqualTo("[1,2]");
    }

    @Test
    void versionIsServedByNumberAndLatest() {
        http.registerSchema("s", V1);
        http.registerSchema("s", V2);

        Response latest = http.get("/subjects/s/versions/latest");

        assertThat(latest.json().get("subject").asText()).isEqualTo("s");
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(latest.json().get("id").asInt()).isEqualTo(2);
        assertThat(latest.json().get("schema").asText()).isEqualTo(V2);
        assertThat(http.get("/subjects/s/versions/1").json().get("id").asInt()).isEqualTo(1);
        assertThat(http.get("/subjects/s/versions/-1").json().get("version").asInt()).isEqualTo(2);
        assertThat(http.get("/subjects/s/versions/1/schema").json()).isEqualTo(readTree(V1));
    }

    @Test
    void unknownSubjectIs40401AndUnknownVersionIs40402AndInvalidVersionIs42202() {
        http.registerSchema("s", V1);

        assertThat(http.get("/subjects/nope/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/nope/versions/1").errorCode()).isEqualTo(40401);
        Response missing = http.get("/subjects/s/versions/9");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(40402);
        Response invalid = http.get("/subjects/s/versions/zero");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42202);
    }

    @Test
    void lookupFindsARegisteredSchemaUnderItsSubject() {
        http.registerSchema("s", V1);
        http.registerSchema("s", V2);

        Response found = http.post("/subjects/s", Map.of("schema", V1));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        assertThat(found.json().get("id").asInt()).isEqualTo(1);
        assertThat(http.post("/subjects/s", Map.of("schema", INCOMPATIBLE)).errorCode()).isEqualTo(40403);
        assertThat(http.post("/subjects/nope", Map.of("schema", V1)).errorCode()).isEqualTo(40401);
    }

    @Test
    void subjectIsSoftDeletedThenHardDeleted() {
        http.registerSchema("s", V1);

        assertThat(http.delete("/subjects/s?permanent=true").errorCode()).isEqualTo(40405);
        assertThat(http.delete("/subjects/s").json().toString()).isEqualTo("[1]");
        assertThat(http.get("/subjects/s/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects?deleted=true").json().toString()).isEqualTo("[\"s\"]");
        assertThat(http.get("/schemas/ids/1").status()).isEqualTo(200);
        Response again = http.delete("/subjects/s");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorCode()).isEqualTo(40404);
        assertThat(http.delete("/subjects/s?permanent=true").json().toString()).isEqualTo("[1]");
        assertThat(http.get("/subjects?deleted=true").json().toString()).isEqualTo("[]");
        assertThat(http.get("/schemas/ids/1").errorCode()).isEqualTo(40403);
        assertThat(http.delete("/subjects/s").errorCode()).isEqualTo(40401);
    }

    @Test
    void versionIsSoftDeletedThenHardDeleted() {
        http.registerSchema("s", V1);
        http.registerSchema("s", V2);

        assertThat(http.delete("/subjects/s/versions/2?permanent=true").errorCode()).isEqualTo(40407);
        assertThat(http.delete("/subjects/s/versions/2").json().asInt()).isEqualTo(2);
        assertThat(http.delete("/subjects/s/versions/2").errorCode()).isEqualTo(40406);
        assertThat(http.get("/subjects/s/versions/2").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/s/versions/2?deleted=true").json().get("id").asInt()).isEqualTo(2);
        assertThat(http.delete("/subjects/s/versions/2?permanent=true").json().asInt()).isEqualTo(2);
        assertThat(http.get("/subjects/s/versions?deleted=true").json().toString()).isEqualTo("[1]");
        assertThat(http.delete("/subjects/s/versions/7").errorCode()).isEqualTo(40402);
        assertThat(http.delete("/subjects/s/versions/x").errorCode()).isEqualTo(42202);
    }

    @Test
    void compatibilityEndpointAnswersIsCompatibleAndVerboseMessages() {
        http.registerSchema("s", V1);

        assertThat(http.post("/compatibility/subjects/s/versions/latest", Map.of("schema", V2)).json().toString())
                .isEqualTo("{\"is_compatible\":true}");
        Response verbose = http.post("/compatibility/subjects/s/versions/latest?verbose=true",
                Map.of("schema", INCOMPATIBLE));
        assertThat(verbose.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.json().get("messages").get(0).asText()).contains("TYPE_MISMATCH");
        assertThat(http.post("/compatibility/subjects/s/versions/1", Map.of("schema", V2)).json()
                .get("is_compatible").asBoolean()).isTrue();
        assertThat(http.post("/compatibility/subjects/s/versions/3", Map.of("schema", V2)).errorCode())
                .isEqualTo(40402);
        assertThat(http.post("/compatibility/subjects/nope/versions/latest", Map.of("schema", V2)).errorCode())
                .isEqualTo(40401);
        assertThat(http.post("/compatibility/subjects/nope/versions", Map.of("schema", V2)).json()
                .get("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void globalConfigDefaultsToBackwardTransitiveAndCanBeChanged() {
        assertThat(http.get("/config").json().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"}");

        assertThat(http.put("/config", Map.of("compatibility", "FULL")).json().toString())
                .isEqualTo("{\"compatibility\":\"FULL\"}");

        assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
        Response invalid = http.put("/config", Map.of("compatibility", "SIDEWAYS"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);
    }

    @Test
    void subjectConfigFallsBackToGlobalOnlyWhenAsked() {
        Response unset = http.get("/config/s");
        assertThat(unset.status()).isEqualTo(404);
        assertThat(unset.errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/s?defaultToGlobal=true").json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD_TRANSITIVE");

        http.put("/config/s", Map.of("compatibility", "NONE"));
        assertThat(http.get("/config/s").json().get("compatibilityLevel").asText()).isEqualTo("NONE");

        assertThat(http.delete("/config/s").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(http.get("/config/s").errorCode()).isEqualTo(40408);
        assertThat(http.delete("/config/s").errorCode()).isEqualTo(40408);
        assertThat(http.put("/config/s", Map.of("compatibility", "bogus")).errorCode()).isEqualTo(42203);
    }

    @Test
    void subjectConfigGovernsRegistration() {
        http.registerSchema("s", V1);
        http.put("/config/s", Map.of("compatibility", "NONE"));

        assertThat(http.registerSchema("s", INCOMPATIBLE).status()).isEqualTo(200);
    }

    @Test
    void readOnlyModeRefusesRegistrationWith42205() {
        assertThat(http.get("/mode").json().toString()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertThat(http.put("/mode", Map.of("mode", "READONLY")).json().get("mode").asText()).isEqualTo("READONLY");

        Response refused = http.registerSchema("s", V1);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(42205);
        assertThat(http.put("/mode", Map.of("mode", "SOMETIMES")).errorCode()).isEqualTo(42204);
        http.put("/mode", Map.of("mode", "READWRITE"));
        assertThat(http.registerSchema("s", V1).status()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        assertThat(http.get("/nothing/here").status()).isEqualTo(404);
        assertThat(http.get("/nothing/here").errorCode()).isEqualTo(404);
        Response wrongMethod = http.send("PATCH", "/subjects", null, null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo(405);
    }

    @Test
    void subjectsWithEncodedSlashesAndSpacesAreOneSegment() {
        assertThat(http.registerSchema("a%2Fb%20c", V1).status()).isEqualTo(200);

        assertThat(http.get("/subjects").json().get(0).asText()).isEqualTo("a/b c");
        assertThat(http.get("/subjects/a%2Fb%20c/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void acceptHeaderSelectsTheResponseMediaType() {
        assertThat(http.getAccepting("/config", "application/json").contentType()).isEqualTo("application/json");
        assertThat(http.getAccepting("/config", "application/vnd.schemaregistry+json").contentType())
                .isEqualTo("application/vnd.schemaregistry+json");
        assertThat(http.getAccepting("/config", "*/*").contentType()).isEqualTo(Http.V1_JSON);
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
