// coracle's dashboard: a little vanilla JavaScript on top of pages the server renders whole.
// Without it every page still reads; with it lists refresh, events stream in, buttons act in
// place and countdowns count. No build step, no dependencies.
"use strict";

const JOB_EVENT_TYPES = [
  "created", "stage", "step-started", "tool", "step-done", "step-failed", "verify", "replan",
  "paused", "resumed", "recovered", "interrupted", "waiting-approval", "approved", "rejected",
  "cancelled", "failed", "done",
];
const FINAL_EVENTS = new Set(["done", "failed", "cancelled"]);

async function refresh(element) {
  const response = await fetch(element.dataset.refresh, { credentials: "same-origin" });
  if (!response.ok) {
    return;
  }
  const html = await response.text();
  if (element.innerHTML !== html) {
    element.innerHTML = html;
    bindActions(element);
  }
}

function refreshEvery(element, millis) {
  setInterval(() => refresh(element).catch(() => {}), millis);
}

function streamJobEvents(list) {
  const live = document.getElementById("job-live");
  let pending = null;
  const refreshSoon = () => {
    if (live && pending === null) {
      pending = setTimeout(() => {
        pending = null;
        refresh(live).catch(() => {});
      }, 150);
    }
  };
  const source = new EventSource(list.dataset.stream);
  for (const type of JOB_EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      const event = JSON.parse(message.data);
      const item = document.createElement("li");
      const at = document.createElement("span");
      at.className = "meta";
      at.textContent = event.at.replace("T", " ").replace(/\.\d+Z$/, "Z") + " ";
      const badge = document.createElement("span");
      badge.className = "badge badge-" + event.type.replace(/[^a-z_]/g, "");
      badge.textContent = event.type;
      item.append(at, badge, " " + event.message);
      list.append(item);
      refreshSoon();
      if (FINAL_EVENTS.has(event.type)) {
        source.close();
      }
    });
  }
}

async function act(form) {
  const result = document.getElementById("action-result");
  const reason = form.querySelector("[name=reason]");
  const options = { method: "POST", credentials: "same-origin", headers: {} };
  if (reason) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify({ reason: reason.value });
  }
  const label = form.querySelector("button").textContent;
  try {
    const response = await fetch(form.action, options);
    let message = response.status + " " + response.statusText;
    try {
      const body = await response.json();
      if (body.error && body.error.message) {
        message = body.error.message;
      }
    } catch (notJson) {
      // The status line says enough.
    }
    if (result) {
      result.textContent = response.ok ? label + ": sent." : label + " failed: " + message;
    }
  } catch (e) {
    if (result) {
      result.textContent = label + " failed: " + e;
    }
  }
  const live = document.getElementById("job-live");
  if (live) {
    refresh(live).catch(() => {});
  } else if (form.closest("[data-reload-after-action]")) {
    window.location.reload();
  }
}

function bindActions(root) {
  for (const form of root.querySelectorAll("form[data-action]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act(form);
    });
  }
}

function countDown() {
  for (const span of document.querySelectorAll("[data-countdown]")) {
    const seconds = Math.max(0, Math.round((Date.parse(span.dataset.countdown) - Date.now()) / 1000));
    const minutes = Math.round(seconds / 60);
    span.textContent =
      seconds === 0 ? "now"
        : seconds < 120 ? "in " + seconds + " s"
        : minutes < 120 ? "in " + minutes + " min"
        : "in " + Math.floor(minutes / 60) + " h " + (minutes % 60) + " min";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll("tbody[data-refresh]")) {
    refreshEvery(element, 2000);
  }
  const events = document.getElementById("job-events");
  if (events) {
    streamJobEvents(events);
  }
  bindActions(document);
  if (document.querySelector("[data-countdown]")) {
    setInterval(countDown, 1000);
  }
});
