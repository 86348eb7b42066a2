package org.il7cds.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module contract of api/, checked on the compiled main classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.il7cds.api");
    }

    @Test
    void theApiNeverTouchesDroolsOrKieDirectly() {
        noClasses().that().resideInAPackage("org.il7cds.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .check(classes);
    }

    @Test
    void generatedDtosAreUsedOnlyByControllersMappersAndTheAdvice() {
        classes().that().resideInAPackage("org.il7cds.api.generated.model..")
                .should().onlyHaveDependentClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("generated code, a controller, a mapper,"
                                + " the problem advice, Problems or the verdict metrics (which count what was answered)",
                                c -> c.getPackageName().startsWith("org.il7cds.api.generated")
                                || c.getSimpleName().endsWith("Controller") || c.getSimpleName().endsWith("Mapper")
                                || c.getName().contains("Mapper$") || c.getName().contains("Controller$")
                                || c.getSimpleName().equals("ProblemDetailsAdvice") || c.getSimpleName().equals("Problems")
                                || c.getSimpleName().equals("TopLevelValidator")
                                || c.getSimpleName().equals("VerdictMetricsAdvice")))
                .check(classes);
    }

    @Test
    void theEngineNeverSeesADto() {
        noClasses().that().resideInAPackage("org.il7cds.engine..")
                .should().dependOnClassesThat().resideInAPackage("org.il7cds.api..")
                .check(new ClassFileImporter().importPackages("org.il7cds.engine"));
    }
}
