package dev.wasmlayer.component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The WIT name of a method, record component, enum constant or variant case of a typed view, where
 * the default is not it. The default turns Java's {@code camelCase} and {@code UPPER_CASE} into
 * WIT's {@code kebab-case}: {@code userId} and {@code USER_ID} are both {@code user-id}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.TYPE})
public @interface WitName {
  /** {@return the WIT name} */
  String value();
}
