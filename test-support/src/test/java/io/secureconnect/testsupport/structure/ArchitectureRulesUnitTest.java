package io.secureconnect.testsupport.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** Each rule refuses the sample "shop" service (test classes here) for the one thing it breaks. */
class ArchitectureRulesUnitTest {

    private static final String SHOP = "io.secureconnect.testsupport.structure.shop";
    private static final JavaClasses CLASSES = ArchitectureRules.classes(location -> true, SHOP);

    @Test
    void aCycleBetweenFeaturePackagesIsRefused() {
        assertThatThrownBy(() -> ArchitectureRules.featurePackagesAreFreeOfCycles(SHOP).check(CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("feature 'order'").hasMessageContaining("feature 'payment'");
    }

    @Test
    void aControllerReadingARepositoryIsRefused() {
        assertThatThrownBy(() -> ArchitectureRules.controllersDoNotUseRepositories().check(CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OrderController").hasMessageContaining("OrderRepository");
    }

    @Test
    void anotherServicesClassIsRefused() {
        assertThatThrownBy(() -> ArchitectureRules.usesOnlyItsOwnCodeAndCommonLib(SHOP).check(CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Payment").hasMessageContaining("billing.Invoice");
    }

    @Test
    void mainClassesLeaveTestClassesOut() {
        assertThat(ArchitectureRules.mainClasses(SHOP)).isEmpty();
    }
}
