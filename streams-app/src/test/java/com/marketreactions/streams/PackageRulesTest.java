package com.marketreactions.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The rooms of streams-app and who may enter them (Kafka keeps the same kind of rules in Checkstyle's import
 * control). The package root holds the shared vocabulary (configuration, horizons, store names, task metrics);
 * {@code topology} wires the rooms and nothing below it knows it; the tick history and the pending reactions are
 * internals of the reaction path; the reaction math knows no Kafka.
 */
class PackageRulesTest {

    private static final String ROOT = "com.marketreactions.streams";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Each package one slice, the root package included (a plain pattern would leave it out). */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals(ROOT)) {
                return SliceIdentifier.of("(root)");
            }
            if (p.startsWith(ROOT + ".")) {
                return SliceIdentifier.of(p.substring(ROOT.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of " + ROOT;
        }
    };

    @Test
    void noCyclesBetweenPackages() {
        slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyTheAppAndTheTopologyItselfKnowTheTopology() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".topology..", ROOT + ".app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".topology..")
                .check(MAIN);
    }

    @Test
    void theTickHistoryIsUsedByTheReactionPathAndItsQueriesOnly() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        ROOT + ".history..",
                        ROOT + ".pending..",
                        ROOT + ".emit..",
                        ROOT + ".topology..",
                        ROOT + ".ops..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".history..")
                .check(MAIN);
    }

    @Test
    void pendingReactionsAreTheReactionPathsOwn() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".pending..", ROOT + ".emit..", ROOT + ".topology..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".pending..")
                .check(MAIN);
    }

    @Test
    void timeRulesDependOnNoStateOfTheTask() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".time..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".history..",
                        ROOT + ".pending..",
                        ROOT + ".emit..",
                        ROOT + ".topology..",
                        "org.apache.kafka..")
                .check(MAIN);
    }

    @Test
    void theReactionMathKnowsNoKafka() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".reaction..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .check(MAIN);
    }
}
