package dev.wasmlayer.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/**
 * The same workloads on Chicory's own API: compiler, compiled once per module, as the layer
 * configures it.
 */
final class ChicoryDirect implements Workload {
  private final ImportValues imports =
      ImportValues.builder()
          .addFunction(
              new HostFunction(
                  "host",
                  "inc",
                  FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                  (inst, args) -> new long[] {(int) args[0] + 1}))
          .build();
  private final ExportFunction addOne;
  private final ExportFunction viaHost;
  private final ExportFunction hostLoop;
  private final ExportFunction fib;
  private final ExportFunction fnv;
  private final ExportFunction xorshift;
  private final Memory memory;

  ChicoryDirect() {
    Instance i = instantiate(Modules.bench());
    addOne = i.export("add_one");
    viaHost = i.export("via_host");
    hostLoop = i.export("host_loop");
    fib = i.export("fib");
    fnv = i.export("fnv1a");
    xorshift = i.export("xorshift");
    memory = i.memory();
  }

  private Instance instantiate(byte[] wasm) {
    WasmModule module = Parser.parse(wasm);
    return Instance.builder(module)
        .withImportValues(imports)
        .withStart(false)
        .withMachineFactory(MachineFactoryCompiler.compile(module))
        .build();
  }

  @Override
  public int addOne(int x) {
    return (int) addOne.apply(x)[0];
  }

  @Override
  public int viaHost(int x) {
    return (int) viaHost.apply(x)[0];
  }

  @Override
  public int hostLoop(int n) {
    return (int) hostLoop.apply(n)[0];
  }

  @Override
  public int fib(int n) {
    return (int) fib.apply(n)[0];
  }

  @Override
  public long xorshift(int n, long x) {
    return xorshift.apply(n, x)[0];
  }

  @Override
  public int fnv1a(int len) {
    return (int) fnv.apply(len)[0];
  }

  @Override
  public void copyInOut(byte[] data, byte[] out) {
    memory.write(0, data);
    System.arraycopy(memory.readBytes(0, out.length), 0, out, 0, out.length);
  }

  @Override
  public int compileAndInstantiate(byte[] wasm) {
    return (int) instantiate(wasm).export("add_one").apply(1)[0];
  }

  @Override
  public void close() {}
}
