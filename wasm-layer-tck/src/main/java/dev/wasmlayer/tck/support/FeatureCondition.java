package dev.wasmlayer.tck.support;

import dev.wasmlayer.Feature;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Disables {@link RequiresFeature} tests on engines that lack a feature, saying which. */
public final class FeatureCondition implements ExecutionCondition {
  /** Made by JUnit, through {@code @ExtendWith}. */
  public FeatureCondition() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<AnnotatedElement> element = context.getElement();
    if (element.isEmpty() || !element.get().isAnnotationPresent(RequiresFeature.class)) {
      return ConditionEvaluationResult.enabled("no feature required");
    }
    Set<Feature> have = Tck.features();
    List<Feature> missing = new ArrayList<>();
    for (Feature f : element.get().getAnnotation(RequiresFeature.class).value()) {
      if (!have.contains(f)) {
        missing.add(f);
      }
    }
    return missing.isEmpty()
        ? ConditionEvaluationResult.enabled("engine declares the features")
        : ConditionEvaluationResult.disabled(
            "unsupported: " + Tck.provider().id() + " does not declare " + missing);
  }
}
