package dev.wasmlayer.wasihost;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A regular file opened through a {@link SandboxDir}, for WASI versions other than preview 1: reads
 * and writes at offsets on its channel, never by path.
 */
public final class SandboxFile implements Closeable {
  private final OpenFile file;

  SandboxFile(OpenFile file) {
    this.file = file;
  }

  /** {@return whether it was opened for reading} */
  public boolean readable() {
    return file.readable;
  }

  /** {@return whether it was opened for writing} */
  public boolean writable() {
    return file.writable;
  }

  /** {@return whether it lies under a read-only preopen} */
  public boolean readOnly() {
    return file.root.readOnly();
  }

  /**
   * Reads at most {@code max} bytes at {@code offset}.
   *
   * @param offset where to read from, not negative
   * @param max the most bytes to read (the caller bounds it)
   * @return the bytes read, empty at the end of the file
   * @throws SandboxFailure if not readable or the host fails
   */
  public byte[] read(long offset, int max) throws SandboxFailure {
    if (!file.readable) {
      throw new SandboxFailure(Errno.BADF, "not open for reading");
    }
    if (offset < 0) {
      throw new SandboxFailure(Errno.INVAL, "negative offset");
    }
    try {
      ByteBuffer b = ByteBuffer.allocate(max);
      while (b.hasRemaining()) {
        int n = file.channel.read(b, offset + b.position());
        if (n <= 0) {
          break;
        }
      }
      byte[] out = new byte[b.position()];
      b.flip().get(out);
      return out;
    } catch (IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * Writes all of {@code bytes} at {@code offset}, or at the end when {@code offset} is negative.
   *
   * @param offset where to write, or -1 to append
   * @param bytes what to write
   * @return the offset after the last byte written
   * @throws SandboxFailure if not writable or the host fails
   */
  public long write(long offset, byte[] bytes) throws SandboxFailure {
    if (!file.writable) {
      throw new SandboxFailure(Errno.BADF, "not open for writing");
    }
    try {
      long at = offset < 0 ? file.channel.size() : offset;
      if (at + bytes.length < at) {
        throw new WasiError(Errno.FBIG, "a write past the largest file offset");
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        at += file.channel.write(b, at);
      }
      return at;
    } catch (WasiError | IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * {@return its size in bytes}
   *
   * @throws SandboxFailure if the host fails
   */
  public long size() throws SandboxFailure {
    try {
      return file.channel.size();
    } catch (IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * Cuts or extends it to {@code size} bytes.
   *
   * @param size the new size
   * @throws SandboxFailure as preview 1's {@code fd_filestat_set_size} fails
   */
  public void setSize(long size) throws SandboxFailure {
    try {
      if (size < 0) {
        throw new WasiError(Errno.INVAL, "negative size");
      }
      if (!file.writable) {
        throw new WasiError(file.root.readOnly() ? Errno.PERM : Errno.INVAL, "not writable");
      }
      if (size < file.channel.size()) {
        file.channel.truncate(size);
      } else if (size > file.channel.size()) {
        file.channel.write(ByteBuffer.allocate(1), size - 1);
      }
    } catch (WasiError | IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * Writes it to storage.
   *
   * @param metadata its metadata too
   * @throws SandboxFailure if the host fails
   */
  public void sync(boolean metadata) throws SandboxFailure {
    try {
      file.channel.force(metadata);
    } catch (IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * {@return its attributes: by the name it was opened by while that still names it, else what the
   * channel knows}
   *
   * @throws SandboxFailure if the host fails
   */
  public SandboxStat stat() throws SandboxFailure {
    try {
      BasicFileAttributes a = stillSame();
      long size = file.channel.size();
      if (a != null) {
        return SandboxStat.of(a, size);
      }
      return new SandboxStat(
          SandboxStat.Type.REGULAR_FILE,
          size,
          null,
          null,
          FileStats.dev(file.fileKey),
          FileStats.ino(file.fileKey));
    } catch (IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  private BasicFileAttributes stillSame() {
    try {
      BasicFileAttributes s = file.parent.stat(file.name);
      return file.fileKey != null && file.fileKey.equals(s.fileKey()) ? s : null;
    } catch (IOException gone) {
      return null;
    }
  }

  /**
   * Sets its times (null leaves one as it is).
   *
   * @param accessed the new access time or null
   * @param modified the new modification time or null
   * @throws SandboxFailure if read-only, moved since it was opened, or the host fails
   */
  public void setTimes(FileTime accessed, FileTime modified) throws SandboxFailure {
    try {
      file.root.checkWritable();
      if (stillSame() == null) {
        throw new WasiError(Errno.BADF, "moved or replaced since it was opened");
      }
      if (accessed != null || modified != null) {
        file.parent.setTimes(file.name, modified, accessed);
      }
    } catch (WasiError | IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
