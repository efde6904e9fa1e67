package dev.wasmlayer.tck.support;

import dev.wasmlayer.Feature;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test only on engines that declare every listed feature; elsewhere the test is disabled
 * with a reason naming the engine and the missing features. {@code FeatureDeclarationsTest} checks
 * the other half: that an engine which declares a feature missing really throws {@link
 * dev.wasmlayer.UnsupportedFeatureException}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresFeature {
  /** {@return the features the test needs} */
  Feature[] value();
}
