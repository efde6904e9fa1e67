package dev.wasmlayer.spi.support;

/**
 * How one engine makes running wasm code stop. The {@link StoreRuntime} decides when a stop is due
 * (an interrupt, a deadline, a close from another thread) and calls {@link #raise} only while the
 * owner thread runs wasm code, never while it runs a host function (when {@link #reachesHostCode()}
 * says the signal could be seen there).
 */
public interface StopSignal {
  /**
   * Makes wasm code running on {@code owner} stop soon with an interrupted trap. Called from
   * another thread (a timer, the thread calling {@code interrupt()} or {@code close()}), or from
   * the owner itself when a stop that came during host code takes effect on return to wasm. Must
   * not block.
   *
   * @param owner the thread that runs the store's wasm code
   * @return whether the signal was raised; {@code false} asks the caller to try again later
   */
  boolean raise(Thread owner);

  /**
   * Undoes what {@link #raise} left behind, on the owner thread at the end of its top-level call (a
   * thread's interrupt flag, an engine flag), so nothing leaks into the caller or into the next
   * call.
   */
  void lower();

  /**
   * {@return whether a raised signal would be visible to host code (a thread interrupt is;
   * wasmtime's epoch is not): then the runtime takes it back when a host function starts and raises
   * it again when control returns to wasm}
   */
  boolean reachesHostCode();

  /**
   * {@return whether the owner thread may raise the signal on itself (when a stop asked for during
   * host code takes effect on return to wasm)} When not, the backend ends the call itself when a
   * host function returns (see {@link StoreRuntime#exitHost()}), and the runtime's timer raises it
   * from its own thread when wasm is called back from host code.
   */
  default boolean raisesOnOwnerThread() {
    return true;
  }

  /** A signal for an engine that cannot stop running code: stops happen only between calls. */
  StopSignal NONE =
      new StopSignal() {
        @Override
        public boolean raise(Thread owner) {
          return true;
        }

        @Override
        public void lower() {}

        @Override
        public boolean reachesHostCode() {
          return false;
        }
      };

  /**
   * The thread's interrupt flag, for engines that check {@link Thread#isInterrupted()} as they run
   * (Chicory). Host code is shielded from it by the runtime.
   */
  StopSignal THREAD_INTERRUPT =
      new StopSignal() {
        @Override
        public boolean raise(Thread owner) {
          owner.interrupt();
          return true;
        }

        @Override
        public void lower() {
          Thread.interrupted();
        }

        @Override
        public boolean reachesHostCode() {
          return true;
        }
      };
}
