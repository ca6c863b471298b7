package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.classify.RulesClassifier.Strength;
import dev.coracle.workflows.chat.RequestClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The weak rules in the languages the sentence embedding cannot read: they tilt the n-grams towards
 * the class the prompt's own words name, and let a job verdict they agree with start the job at
 * lower confidence. None of these prompts is in an exemplar or eval file.
 */
class MultilingualRulesTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Je ten job s aktualizací závislostí už hotový?|STATUS",
        "Är uppgiften med loggningen klar?|STATUS",
        "Чи завершилась задача з оновленням бібліотек?|STATUS",
        "लॉगिंग वाला काम पूरा हुआ क्या?|STATUS",
        "هل انتهت المهمة الخاصة بالتحديث؟|STATUS",
        "Job cập nhật thư viện xong chưa?|STATUS",
        "Tugas upgrade library sudah selesai?|STATUS",
        "¿Cuántos tokens nos quedan hoy?|STATUS",
        "Porovnej Svelte a Solid pro náš dashboard|RESEARCH",
        "Jämför Podman och Docker för våra byggservrar|RESEARCH",
        "Порівняй Valkey і KeyDB для нашого кешу|RESEARCH",
        "Hãy phân tích mã nguồn và viết báo cáo về các lỗi bảo mật|RESEARCH",
        "Bandingkan Hono dan Express untuk API kami|RESEARCH",
        "Svelte और Solid की तुलना करो|RESEARCH",
        "Přidej do aplikace tmavý režim|DEEP",
        "Lägg till stöd för tmux-sessioner i verktyget|DEEP",
        "Додай темну тему в застосунок|DEEP",
        "أضف وضعًا داكنًا إلى التطبيق|DEEP",
        "Thêm chế độ tối cho ứng dụng|DEEP",
        "Tambahkan mode gelap ke aplikasi|DEEP",
        "Crea el servicio de notificaciones con los tests|DEEP",
        "Co je to deadlock?|FAST",
        "Vad är en semafor?|FAST",
        "Що таке семафор?|FAST",
        "ما هو الـ deadlock؟|FAST",
        "Semaphore là gì?|FAST",
        "Apa itu semaphore?|FAST"
      })
  void words_in_other_languages_hint_their_class(String text, RequestClass expected) {
    RulesClassifier.Verdict verdict = RulesClassifier.verdict(text);

    assertThat(verdict.strength()).as(verdict.reason()).isEqualTo(Strength.WEAK);
    assertThat(verdict.requestClass()).as(verdict.reason()).isEqualTo(expected);
  }
}
