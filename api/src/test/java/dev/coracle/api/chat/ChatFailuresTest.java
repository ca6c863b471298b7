package dev.coracle.api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.ChatErrorType;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ChatFailuresTest {

  @Test
  void a_typed_upstream_failure_is_a_502_upstream_error() {
    OpenAiException error =
        ChatFailures.toOpenAi(
            ApplicationFailure.newFailure(
                "groq answered 500", ChatErrorType.UPSTREAM_UNAVAILABLE.name()),
            "chat-1");

    assertThat(error.status()).isEqualTo(502);
    assertThat(error.toError().code()).isEqualTo("upstream_error");
    assertThat(error.getMessage()).isEqualTo("groq answered 500");
  }

  @Test
  void an_exception_from_coracles_own_code_is_a_500_without_its_text() {
    OpenAiException error =
        ChatFailures.toOpenAi(
            new CompletionException(
                ApplicationFailure.newFailure(
                    "text cannot be null or blank", IllegalArgumentException.class.getName())),
            "chat-2");

    assertThat(error.status()).isEqualTo(500);
    assertThat(error.toError().type()).isEqualTo("server_error");
    assertThat(error.toError().code()).isNull();
    assertThat(error.getMessage()).contains("chat-2").doesNotContain("blank");
  }

  @Test
  void no_provider_stays_a_503() {
    OpenAiException error =
        ChatFailures.toOpenAi(
            ApplicationFailure.newFailure("no provider", ChatErrorType.NO_PROVIDER.name()),
            "chat-3");

    assertThat(error.status()).isEqualTo(503);
  }
}
