package dev.coracle.api;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
final class CoracleVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Coracle.class.getPackage().getImplementationVersion();
    return new String[] {"coracle " + (version == null ? "development build" : version)};
  }
}
