package io.lucid.devstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Sends fuzz bodies one by one and checks each answer: never a 5xx, always problem+json for a refusal, and a refusal
 * stores nothing (the given event count is unchanged by it). Accepted bodies are collected for the caller to judge.
 */
public final class FuzzRun {

    private final ApiClient api;
    private final Function<Integer, String> tokenForRequest;
    private final LongSupplier storedEvents;
    private final List<String> accepted = new ArrayList<>();
    private int sent;

    public FuzzRun(ApiClient api, Function<Integer, String> tokenForRequest, LongSupplier storedEvents) {
        this.api = api;
        this.tokenForRequest = tokenForRequest;
        this.storedEvents = storedEvents;
    }

    public Answer post(String path, String body) {
        return check(path, body, () -> api.post(path, body, tokenForRequest.apply(sent++)));
    }

    public Answer postRaw(String path, byte[] body, String contentType) {
        return check(path, new String(body, StandardCharsets.ISO_8859_1),
                () -> api.postRaw(path, body, contentType, tokenForRequest.apply(sent++)));
    }

    public Answer delete(String path) {
        return check(path, "", () -> api.delete(path, tokenForRequest.apply(sent++)));
    }

    private Answer check(String path, String requestBody, java.util.function.Supplier<Answer> call) {
        String body = requestBody == null ? "" : requestBody;
        long before = storedEvents.getAsLong();
        Answer answer = call.get();
        String shown = path + " " + (body.length() > 400 ? body.substring(0, 150) + "...(" + body.length() + " chars)..."
                + body.substring(body.length() - 150) : body)
                + " -> " + answer.status() + " " + (answer.body() == null ? "" : answer.body().substring(0, Math.min(300, answer.body().length())));
        assertThat(answer.status()).as(shown).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as(shown).startsWith("application/problem+json");
            assertThat(answer.code()).as(shown).isNotBlank();
            assertThat(answer.body()).as(shown).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(storedEvents.getAsLong()).as("a refusal stored nothing: " + shown).isEqualTo(before);
        } else {
            accepted.add(shown);
        }
        return answer;
    }

    /** The requests that were accepted (2xx), described. */
    public List<String> accepted() {
        return accepted;
    }

    public int sent() {
        return sent;
    }
}
