package dev.gatehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering rules of STYLE.md A1, enforced on gatehouse-core's main classes. */
@AnalyzeClasses(packages = "dev.gatehouse", importOptions = ArchitectureTest.CoreMainClasses.class)
class ArchitectureTest {

    /** Only this module's production classes (the testkit on the test class path is not part of the product). */
    static final class CoreMainClasses implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return location.contains("/core/target/classes/");
        }
    }

    @ArchTest
    static final ArchRule onlyTheWebPackageKnowsTheServletApi = noClasses().that()
            .resideOutsideOfPackage("dev.gatehouse.web..").should().dependOnClassesThat()
            .resideInAPackage("jakarta.servlet..")
            .because("everything below the web package is testable with plain values");

    @ArchTest
    static final ArchRule productionCodeNeverUsesTheTestkit = noClasses().should().dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.testkit..");

    @ArchTest
    static final ArchRule noVaguePackageNames = noClasses().should()
            .resideInAnyPackage("..util..", "..utils..", "..helper..", "..common..", "..manager..");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.gatehouse.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theProfileChecksReadTheVerifiedDomNotOpenSamlObjects = noClasses().that()
            .resideInAnyPackage("dev.gatehouse.sso.check..", "dev.gatehouse.sso.view..").should()
            .dependOnClassesThat().resideInAPackage("org.opensaml..")
            .because("values are read from the DOM nodes that were checked and verified (ResponseView, "
                    + "AssertionView); OpenSAML's unmarshalling cost a quarter of a validation and hid duplicates");

    @ArchTest
    static final ArchRule configIsTheBottomLayer = noClasses().that().resideInAPackage("dev.gatehouse.config..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gatehouse.web..", "dev.gatehouse.sso..",
                    "dev.gatehouse.metadata..", "dev.gatehouse.identity..", "dev.gatehouse.state..");
}
