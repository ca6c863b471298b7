package dev.coracle.activities.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

  private final PiiRedactor redactor = new PiiRedactor();

  @Test
  void an_email_address_is_replaced() {
    Redacted redacted = redactor.redact("Contact jane.doe+billing@example.co.uk for access.");

    assertThat(redacted.text()).isEqualTo("Contact [REDACTED:email] for access.");
    assertThat(redacted.counts()).isEqualTo(Map.of("email", 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+1 (555) 123-4567", "+44 20 7946 0958", "+49-30-1234567", "(555) 123-4567"})
  void a_phone_number_is_replaced(String phone) {
    assertThat(redactor.redact("call " + phone + " today").text())
        .isEqualTo("call [REDACTED:phone] today");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version 1.18.1-beta28",
        "released 2026-11-20 at 12:00:00",
        "id 550e8400-e29b-41d4-a716-446655440000",
        "address 192.168.100.200",
        "epoch 1763640000000 ms",
        "port 8787 and 7233",
        "order 123-456-789"
      })
  void versions_dates_ids_and_plain_numbers_are_left_alone(String text) {
    assertThat(redactor.redact(text)).isEqualTo(Redacted.untouched(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444"})
  void a_card_number_that_passes_the_luhn_check_is_replaced(String card) {
    Redacted redacted = redactor.redact("card: " + card + ".");

    assertThat(redacted.text()).isEqualTo("card: [REDACTED:card_number].");
    assertThat(redacted.counts()).isEqualTo(Map.of("card_number", 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111 1111 1111 1112", "5555555555554445"})
  void a_card_shaped_number_that_fails_the_luhn_check_is_left_alone(String number) {
    String text = "ref: " + number;

    assertThat(redactor.redact(text)).isEqualTo(Redacted.untouched(text));
  }

  @Test
  void neighbouring_addresses_and_a_card_followed_by_a_year_are_each_found() {
    Redacted redacted =
        redactor.redact("a@example.com,b@example.org card 4111 1111 1111 1111 2028 done");

    assertThat(redacted.text())
        .isEqualTo("[REDACTED:email],[REDACTED:email] card [REDACTED:card_number] done");
  }
}
