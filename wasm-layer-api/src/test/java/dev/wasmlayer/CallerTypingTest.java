package dev.wasmlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Caller<T>} types the store's data at compile time: a host function that reads the data as
 * another type than its caller declares does not compile (it used to compile and fail as a HOST
 * trap).
 */
class CallerTypingTest {
  @TempDir Path dir;

  @Test
  void dataOfAnotherTypeDoesNotCompile() throws Exception {
    String out =
        compile("(Caller<Integer> c, Value[] a) -> { String s = c.data(); return Value.NONE; }");
    assertTrue(out.contains("incompatible types"), out);
  }

  @Test
  void anUntypedLambdaSeesObjectData() throws Exception {
    String out = compile("(c, a) -> { String s = c.data(); return Value.NONE; }");
    assertTrue(out.contains("incompatible types"), out);
  }

  @Test
  void dataOfTheDeclaredTypeCompiles() throws Exception {
    assertEquals(
        "",
        compile("(Caller<String> c, Value[] a) -> { String s = c.data(); return Value.NONE; }"));
    assertEquals("", compile("(c, a) -> { Object o = c.data(); return Value.NONE; }"));
  }

  /**
   * Compiles a class binding {@code lambda} as a host function; returns javac's diagnostics, empty
   * on success.
   */
  private String compile(String lambda) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assumeTrue(javac != null, "this runtime has no Java compiler");
    Path src = dir.resolve("Use.java");
    Files.writeString(
        src,
        String.join(
            "\n",
            "import dev.wasmlayer.*;",
            "import dev.wasmlayer.types.FuncType;",
            "import java.util.List;",
            "class Use {",
            "  Imports imports = Imports.builder()",
            "      .func(\"m\", \"f\", FuncType.of(List.of(), List.of()), " + lambda + ")",
            "      .build();",
            "}"));
    Path api = Path.of(Caller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    StringWriter diagnostics = new StringWriter();
    javac
        .getTask(
            diagnostics,
            null,
            null,
            List.of("-d", dir.toString(), "-classpath", api.toString()),
            null,
            javac.getStandardFileManager(null, null, null).getJavaFileObjects(src))
        .call();
    return diagnostics.toString();
  }
}
