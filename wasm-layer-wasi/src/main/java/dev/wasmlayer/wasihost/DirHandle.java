package dev.wasmlayer.wasihost;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

/**
 * An open directory inside a preopen. Every name is one path component, looked up in this directory
 * without following a symlink, so what the name means cannot be changed by renaming something above
 * it.
 */
interface DirHandle extends Closeable {
  /**
   * False where names are looked up by path (no descriptor-relative calls): symlinks must then be
   * refused.
   */
  default boolean secure() {
    return true;
  }

  /** The directory {@code name} ({@code "."} for this one again), refusing a symlink. */
  DirHandle openDir(String name) throws IOException;

  /**
   * Opens the file {@code name}, refusing a symlink ({@code options} must not ask to follow one).
   */
  FileChannel openFile(String name, Set<? extends OpenOption> options) throws IOException;

  /** The attributes of {@code name} itself (a symlink is described, not followed). */
  BasicFileAttributes stat(String name) throws IOException;

  /** This directory's own attributes. */
  BasicFileAttributes statSelf() throws IOException;

  /** Sets times of {@code name} (null leaves one as it is). */
  void setTimes(String name, FileTime modified, FileTime accessed) throws IOException;

  /** Sets this directory's own times (null leaves one as it is). */
  void setTimesSelf(FileTime modified, FileTime accessed) throws IOException;

  void deleteFile(String name) throws IOException;

  void deleteDirectory(String name) throws IOException;

  /** Renames {@code name} to {@code targetName} in {@code target}, replacing what is there. */
  void move(String name, DirHandle target, String targetName) throws IOException;

  /** The names in this directory, without {@code "."} and {@code ".."}. */
  List<String> list() throws IOException;

  /**
   * The host path this directory was reached by. Only for the operations the JDK offers by path
   * alone (creating a directory, a symlink or a link, reading a symlink); callers check the result
   * through this handle.
   */
  Path hostPath();
}
