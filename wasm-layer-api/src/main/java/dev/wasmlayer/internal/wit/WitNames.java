package dev.wasmlayer.internal.wit;

import dev.wasmlayer.component.WitName;
import java.lang.reflect.AnnotatedElement;
import java.util.Locale;

/** WIT's kebab-case names for Java's names: one rule for methods, components and constants. */
public final class WitNames {
  private WitNames() {}

  /** {@return the WIT name of a Java element: its {@link WitName}, else its name in kebab-case} */
  static String of(AnnotatedElement element, String javaName) {
    WitName n = element.getAnnotation(WitName.class);
    return n != null ? n.value() : kebab(javaName);
  }

  /**
   * {@return {@code userId}, {@code UserId} and {@code USER_ID} as {@code user-id}}
   *
   * @param name a Java name
   */
  public static String kebab(String name) {
    if (name.equals(name.toUpperCase(Locale.ROOT))) {
      return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
    StringBuilder b = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && b.charAt(b.length() - 1) != '-') {
          b.append('-');
        }
        b.append(Character.toLowerCase(c));
      } else {
        b.append(c == '_' ? '-' : c);
      }
    }
    return b.toString();
  }
}
