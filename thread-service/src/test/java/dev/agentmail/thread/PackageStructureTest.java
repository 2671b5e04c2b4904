package dev.agentmail.thread;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rooms of thread-service and the way their dependencies point (README.md): MIME and the mailbox at the bottom,
 * the transport above the mailbox, the API's resources on top. Read from the compiled classes, so a dependency
 * that no import line shows (a fully qualified name) counts too.
 */
class PackageStructureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.agentmail.thread");

    @Test
    void noPackageImportsOneThatImportsItBack() {
        slices().matching("dev.agentmail.thread.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void mimeKnowsNothingOfTheMailbox() {
        noClasses().that().resideInAPackage("..thread.mime..")
                .should().dependOnClassesThat().resideInAnyPackage("..thread.mailbox..", "..thread.message..",
                        "..thread.thread..", "..thread.draft..", "..thread.transport..")
                .check(MAIN);
    }

    @Test
    void theMailboxAndTheTransportKnowNothingOfTheApi() {
        noClasses().that().resideInAnyPackage("..thread.mailbox..", "..thread.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("..thread.message..", "..thread.thread..",
                        "..thread.draft..", "..thread.download..")
                .check(MAIN);
    }
}
