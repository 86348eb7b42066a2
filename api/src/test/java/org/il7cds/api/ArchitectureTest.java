package org.il7cds.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
                                + " a replayer (which answers a recorded request again), a CDS Hooks class, the problem advice, Problems, the verdict metrics (which count what was answered), the"
                                + " body capture of the records (ReceivedRequests) or a body check", c -> c.getPackageName().startsWith("org.il7cds.api.generated")
                                || c.getSimpleName().endsWith("Controller") || c.getSimpleName().endsWith("Mapper")
                                || c.getSimpleName().endsWith("Replayer")
                                || c.getName().contains("Mapper$") || c.getName().contains("Controller$")
                                || c.getSimpleName().equals("ProblemDetailsAdvice") || c.getSimpleName().equals("Problems")
                                || c.getSimpleName().equals("TopLevelValidator")
                                || c.getSimpleName().equals("VerdictMetricsAdvice")
                                || c.getSimpleName().equals("ReceivedRequests")
                                || c.getSimpleName().equals("RulesUploadLimits")
                                // CDS Hooks: the services map a hook request (generated DTOs) to cards.
                                || c.getPackageName().equals("org.il7cds.api.cds")
                                || c.getPackageName().startsWith("org.il7cds.api.cds.")))
                .check(classes);
    }

    /**
     * No package cycles in the api: each package (web, security, every feature, and any package added later) is a
     * slice, and no slice depends on itself through others. Features depend on web and security, never the reverse;
     * a feature answers its own exceptions (its *ProblemsAdvice) and replays its own decisions (a DecisionReplayer).
     */
    @Test
    void theApisPackagesAreFreeOfCycles() {
        slices().matching("org.il7cds.api.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** web is the shared HTTP layer: it knows no feature and not the security package. */
    @Test
    void theWebLayerDependsOnNoOtherPackageOfTheApi() {
        noClasses().that().resideInAPackage("org.il7cds.api.web..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a class of another api package than web and the generated code",
                        c -> c.getPackageName().startsWith("org.il7cds.api.")
                                && !c.getPackageName().startsWith("org.il7cds.api.web")
                                && !c.getPackageName().startsWith("org.il7cds.api.generated")))
                .check(classes);
    }

    /** Data flows one way: api -> engine -> rules. The engine is plain Java: no Spring, no servlet, no api class. */
    @Test
    void theEngineImportsNeitherTheApiNorSpring() {
        noClasses().that().resideInAPackage("org.il7cds.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.il7cds.api..", "org.springframework..",
                        "jakarta.servlet..", "org.il7cds.bench..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.il7cds.engine"));
    }

    /** The production code never reaches into the bench build (the no-rules baseline lives there only). */
    @Test
    void theApiNeverDependsOnTheBenchBuild() {
        noClasses().that().resideInAPackage("org.il7cds.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.il7cds.bench..")
                .check(classes);
    }
}
