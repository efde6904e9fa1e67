package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.component.ComponentImports.HostFunc;
import dev.wasmlayer.component.ComponentImports.HostResource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What WASI 0.2 serves for one interface: its functions (resource methods named as WIT names them,
 * {@code [method]descriptor.read}) and the resource types it defines. A resource another interface
 * defines and this one only uses (as {@code wasi:cli/stdout} uses {@code output-stream}) appears in
 * the functions' types as the same {@link dev.wasmlayer.component.ResourceType} object, listed
 * under the defining interface.
 *
 * @param name the unversioned interface name, such as {@code wasi:cli/stdout}
 * @param functions its functions, each with {@code iface} set to {@code name}
 * @param resources the resource types it defines
 */
public record WasiInterface(String name, List<HostFunc> functions, List<HostResource> resources) {
  /** Copies the lists. */
  public WasiInterface {
    Objects.requireNonNull(name, "name");
    functions = List.copyOf(functions);
    resources = List.copyOf(resources);
  }

  /**
   * {@return the function named {@code name}, such as {@code get-stdout} or {@code
   * [method]output-stream.write}}
   *
   * @param name the function's WIT name
   */
  public Optional<HostFunc> function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * {@return the resource type named {@code name} this interface defines}
   *
   * @param name the resource's WIT name
   */
  public Optional<HostResource> resource(String name) {
    return resources.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
