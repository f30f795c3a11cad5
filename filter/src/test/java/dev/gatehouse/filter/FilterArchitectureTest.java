package dev.gatehouse.filter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The filter is a thin door: it speaks to the engine's public packages only, never to OpenSAML or Santuario. */
@AnalyzeClasses(packages = "dev.gatehouse.filter", importOptions = ImportOption.DoNotIncludeTests.class)
class FilterArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheEngineFacingPackages = classes().that().resideInAPackage("dev.gatehouse.filter..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.servlet..", "org.slf4j..",
                    "dev.gatehouse.filter..", "dev.gatehouse.config..", "dev.gatehouse.web..",
                    "dev.gatehouse.identity..", "dev.gatehouse.error..");
}
