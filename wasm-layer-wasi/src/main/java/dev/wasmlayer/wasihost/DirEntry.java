package dev.wasmlayer.wasihost;

/** One {@code fd_readdir} entry. */
record DirEntry(String name, long ino, int type) {}
