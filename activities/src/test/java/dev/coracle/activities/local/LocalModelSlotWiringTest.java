package dev.coracle.activities.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

class LocalModelSlotWiringTest {

  @Test
  void the_slot_is_one_bean_with_the_system_memory_probe() {
    try (ApplicationContext context =
        ApplicationContext.builder()
            .singletons(TestSlots.config("http://127.0.0.1:11434", "7m", 2048))
            .start()) {
      LocalModelSlot slot = context.getBean(LocalModelSlot.class);

      assertThat(context.getBean(LocalModelSlot.class)).isSameAs(slot);
      assertThat(context.getBean(MemoryProbe.class)).isInstanceOf(SystemMemoryProbe.class);
      assertThat(slot.keepAlive()).isEqualTo("7m");
    }
  }
}
