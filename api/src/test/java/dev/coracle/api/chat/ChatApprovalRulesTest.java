package dev.coracle.api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatApprovalRulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "go ahead",
        "Go ahead!",
        "approve",
        "yes, run it",
        "Yes",
        "ok go",
        "LGTM",
        "looks good to me, go ahead",
        "no problem, go ahead",
        "please proceed",
        "adelante",
        "sí, hazlo",
        "los geht's",
        "ja, mach es",
        "vas-y",
        "oui, d'accord",
        "pode seguir",
        "sim, vai em frente",
        "可以",
        "好的，开始吧"
      })
  void short_approvals_approve(String message) {
    assertThat(ChatApprovalRules.judge(message))
        .hasValueSatisfying(v -> assertThat(v.approve()).isTrue());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no, also write tests for the parser",
        "No.",
        "reject: the second step touches the wrong module",
        "don't touch the build files",
        "nein, nicht so",
        "non, pas comme ça",
        "não, use o módulo core",
        "不要改测试"
      })
  void rejections_reject_with_the_message_as_reason(String message) {
    assertThat(ChatApprovalRules.judge(message))
        .hasValueSatisfying(
            v -> {
              assertThat(v.approve()).isFalse();
              assertThat(v.reason()).isEqualTo(message.strip());
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "now add a README as well",
        "go ahead and also rename the module to core, then update every import in the tree",
        "what is the status of my job?",
        "yes but first explain step 2",
        "不错",
        "notify me when it is done",
        ""
      })
  void anything_else_is_an_ordinary_request(String message) {
    assertThat(ChatApprovalRules.judge(message)).isEmpty();
  }
}
