package dev.coracle.activities.quota;

/**
 * Serializes admissions to one provider across every process that shares the store, for the rest of
 * the current transaction. An admission reads a provider's windows and then counts a call in them;
 * two admissions that interleave would both see the last free request and both take it.
 */
interface ProviderLock {

  /** Waits until no other transaction holds the provider, then holds it until this one ends. */
  void hold(String provider);
}
