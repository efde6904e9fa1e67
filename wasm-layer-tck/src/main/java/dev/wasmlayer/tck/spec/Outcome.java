package dev.wasmlayer.tck.spec;

/**
 * What happened to one command of a script.
 *
 * @param file the script name, e.g. {@code i32.wast}
 * @param line the command's line in the original {@code .wast}
 * @param kind the command type, with {@code (text)} for text-format modules
 * @param status passed, failed, blocked (its module failed) or excluded (with the reason)
 * @param detail why it failed or was excluded; empty when passed
 */
record Outcome(String file, int line, String kind, Status status, String detail) {
  /** The four outcomes. */
  enum Status {
    /** Behaved as the script says. */
    PASSED,
    /** Did not; a bug of the layer or an engine bug not yet listed. */
    FAILED,
    /** Could not run because the module it uses failed. */
    BLOCKED,
    /**
     * Not counted as a failure, for the reason given: a missing feature, a text module, or a listed
     * engine bug.
     */
    EXCLUDED
  }

  Outcome with(Status s, String why) {
    return new Outcome(file, line, kind, s, why);
  }

  String where() {
    return file + ":" + line;
  }
}
