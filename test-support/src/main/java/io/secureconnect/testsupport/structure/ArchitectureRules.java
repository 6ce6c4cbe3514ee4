package io.secureconnect.testsupport.structure;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The structure every module keeps (ARCHITECTURE §2), as ArchUnit rules a module's {@code ArchitectureUnitTest}
 * checks against its own main classes: feature packages free of cycles, controllers that never reach a repository,
 * and a service that uses only its own code, common-lib and libraries.
 *
 * <p>A rule takes the module's root package ({@code io.secureconnect.chat}); a feature package is a direct
 * sub-package of it with everything below ({@code io.secureconnect.chat.message..}).
 */
public final class ArchitectureRules {

    private static final String COMMON = "io.secureconnect.common..";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String REPOSITORY = "org.springframework.stereotype.Repository";

    private ArchitectureRules() {
    }

    /**
     * The module's main classes under {@code rootPackage}: its test classes stay out of every rule. Classes outside
     * (Spring, common-lib) are not read, only named: every rule here needs no more of them than their names, and
     * reading them took seconds per module.
     */
    public static JavaClasses mainClasses(String rootPackage) {
        return classes(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS, rootPackage);
    }

    static JavaClasses classes(ImportOption option, String... packages) {
        return ArchConfiguration.withThreadLocalScope(configuration -> {
            configuration.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter().withImportOption(option).importPackages(packages);
        });
    }

    /** No feature package depends, directly or through others, on a package that depends back on it. */
    public static ArchRule featurePackagesAreFreeOfCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..")
                .namingSlices("feature '$1'")
                .should().beFreeOfCycles()
                .because("a feature package is understood, tested and changed on its own; a cycle welds features"
                        + " together (let the depended-on side raise an event or declare a small interface)");
    }

    /**
     * A controller ({@code @Controller}, {@code @RestController}) maps HTTP to a use case and never touches a
     * repository ({@code @Repository} or a class named {@code *Repository}).
     */
    public static ArchRule controllersDoNotUseRepositories() {
        // both named: annotation types outside the module are not read, so @RestController's own @Controller is unseen
        return noClasses().that().areAnnotatedWith(CONTROLLER).or().areAnnotatedWith(REST_CONTROLLER)
                .should().dependOnClassesThat(simpleNameEndingWith("Repository").or(annotatedWith(REPOSITORY)))
                .because("the rules of a use case live in the feature's service, where every entry point"
                        + " (HTTP, socket, scheduler) goes through them; a controller only maps HTTP")
                .allowEmptyShould(true);
    }

    /**
     * Code under {@code rootPackage} uses only its own packages, common-lib and libraries: never another service's
     * code (nor test-support).
     */
    public static ArchRule usesOnlyItsOwnCodeAndCommonLib(String rootPackage) {
        String own = rootPackage + "..";
        return noClasses().that().resideInAPackage(own)
                .should().dependOnClassesThat(resideInAPackage("io.secureconnect..")
                        .and(not(resideInAnyPackage(own, COMMON))))
                .because("services share only common-lib and talk over HTTP or Redis; a class of another service"
                        + " would couple their releases");
    }
}
