package dev.coracle.worker.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageTokenTest {
  private static final ExecutionKey KEY =
      new ExecutionKey(Instant.parse("2025-03-01T10:00:00.123456789Z"), "run|with|bars");

  @Test
  void a_token_names_the_key_it_was_made_from() {
    ByteString token = PageToken.encode("WorkflowType='A'", KEY);

    assertThat(PageToken.decode("WorkflowType='A'", token)).isEqualTo(KEY);
  }

  @Test
  void a_token_made_for_another_query_is_refused() {
    ByteString token = PageToken.encode("WorkflowType='A'", KEY);

    assertThatThrownBy(() -> PageToken.decode("WorkflowType='B'", token))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("different query");
  }

  @Test
  void a_token_from_elsewhere_is_refused() {
    assertThatThrownBy(() -> PageToken.decode("", ByteString.copyFromUtf8("garbage")))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("not a token this server made");
    String hash = Integer.toHexString("".hashCode());
    assertThatThrownBy(
            () -> PageToken.decode("", ByteString.copyFromUtf8("v1|" + hash + "|x|0|run")))
        .hasMessageContaining("not a token this server made");
  }
}
