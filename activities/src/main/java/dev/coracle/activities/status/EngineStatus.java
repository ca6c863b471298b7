package dev.coracle.activities.status;

import dev.coracle.activities.local.LocalModelSlot;
import dev.coracle.activities.local.SlotState;
import dev.coracle.activities.quota.QuotaLedger;
import dev.coracle.activities.quota.RestingModel;
import dev.coracle.activities.tools.shell.SandboxStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of the engine for a status answer: what the single LLM slot holds or waits for, and
 * which providers are cooling down or disabled. Read from memory and the store, never a model.
 */
@Singleton
public class EngineStatus {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final LocalModelSlot slot;
  private final QuotaLedger ledger;
  private final SandboxStatus sandbox;

  public EngineStatus(LocalModelSlot slot, QuotaLedger ledger, SandboxStatus sandbox) {
    this.slot = slot;
    this.ledger = ledger;
    this.sandbox = sandbox;
  }

  public List<String> lines(Instant now) {
    List<String> lines = new ArrayList<>();
    SlotState state = slot.state();
    if (state.refusing()) {
      lines.add("Local model: waiting: " + state.lastRefusal() + ".");
    } else if (state.residentModel() != null) {
      lines.add("Local model: " + state.residentModel() + " loaded (" + state.swaps() + " swaps).");
    }
    // Only the states: the full quota snapshot costs several reads and waits for the writer.
    for (RestingModel model : ledger.resting()) {
      String target = model.provider() + "/" + model.model();
      if (model.disabled()) {
        lines.add("- " + target + ": disabled (" + model.disabledReason() + ").");
      } else if (model.cooldownUntil() != null && model.cooldownUntil().isAfter(now)) {
        lines.add(
            "- "
                + target
                + ": resting until "
                + TIME.format(model.cooldownUntil())
                + (model.cooldownReason() == null ? "" : " (" + model.cooldownReason() + ")")
                + ".");
      }
    }
    lines.add("Sandbox: " + sandbox.summary() + ".");
    return lines;
  }
}
