package dev.routerlab;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Router;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walls between packages (ARCHITECTURE.md, "Package map"). Engines hold protocol state
 * machines and data paths; command layers (`<engine>.cli`) hold what the CLI does with them;
 * `cli` is generic machinery; the entry point alone lists features and runs labs.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.routerlab";

    /** Engines: protocol state machines and data paths. */
    private static final String[] ENGINES = {
        "dev.routerlab.ip", "dev.routerlab.routing", "dev.routerlab.ospf", "dev.routerlab.eigrp",
        "dev.routerlab.tunnel", "dev.routerlab.ipsec", "dev.routerlab.esp", "dev.routerlab.ike",
        "dev.routerlab.ike.crypto", "dev.routerlab.nhrp", "dev.routerlab.acl", "dev.routerlab.capture",
        "dev.routerlab.cdp", "dev.routerlab.pki", "dev.routerlab.tcp", "dev.routerlab.http", "dev.routerlab.telnet",
        "dev.routerlab.snmp"};

    /** What no engine may know: the CLI, command layers, the device's composition, front ends, labs. */
    private static final String[] NOT_FOR_ENGINES = {
        "..cli..", "dev.routerlab.device..", "dev.routerlab.ssh..", "dev.routerlab.lab..",
        "dev.routerlab.features.."};

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        // the main classes' own output directory, wherever the build puts it (-Drl.buildDir)
        java.nio.file.Path main;
        try {
            main = java.nio.file.Path.of(Router.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPath(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.routerlab.(**)").should().beFreeOfCycles().check(classes);
    }

    /** The same at feature granularity: a top-level package with its subpackages, its command layer apart. */
    @Test
    void noCyclesBetweenFeatures() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (!p.startsWith(ROOT)) return SliceIdentifier.ignore();
                String[] parts = p.substring(ROOT.length()).replaceFirst("^\\.", "").split("\\.");
                String top = parts[0].isEmpty() ? "(root)" : parts[0];
                return SliceIdentifier.of(java.util.Arrays.asList(parts).subList(1, parts.length).contains("cli") ? top + ".cli" : top);
            }

            @Override
            public String getDescription() { return "features (top-level packages, command layers apart)"; }
        }).should().beFreeOfCycles().check(classes);
    }

    @Test
    void enginesKnowNoCliDeviceFrontEndOrLab() {
        noClasses().that().resideInAnyPackage(ENGINES)
            .should().dependOnClassesThat().resideInAnyPackage(NOT_FOR_ENGINES)
            .orShould().dependOnClassesThat().resideInAPackage(ROOT)
            .check(classes);
    }

    @Test
    void packetIsPure() {
        noClasses().that().resideInAPackage("dev.routerlab.packet..")
            .should().dependOnClassesThat(resideInAPackage("dev.routerlab..")
                .and(not(resideInAPackage("dev.routerlab.packet.."))))
            .check(classes);
    }

    @Test
    void cliKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.routerlab.cli")
            .should().dependOnClassesThat(resideInAPackage("dev.routerlab..")
                .and(not(resideInAnyPackage("dev.routerlab.cli", "dev.routerlab.grammar", "dev.routerlab.sim",
                    "dev.routerlab.packet", "dev.routerlab.text")))
                .and(not(belongToAnyOf(InterfaceName.class))))
            .check(classes);
    }

    @Test
    void onlyTheEntryPointRunsLabs() {
        noClasses().that().resideOutsideOfPackages("dev.routerlab.lab..", ROOT)
            .should().dependOnClassesThat().resideInAPackage("dev.routerlab.lab..")
            .check(classes);
    }

    @Test
    void onlyTheEntryPointListsFeatures() {
        noClasses().that().resideOutsideOfPackages("dev.routerlab.features..", "dev.routerlab.lab..", ROOT)
            .should().dependOnClassesThat().resideInAPackage("dev.routerlab.features..")
            .check(classes);
    }

    @Test
    void textIsPure() {
        noClasses().that().resideInAPackage("dev.routerlab.text")
            .should().dependOnClassesThat(resideInAPackage("dev.routerlab..").and(not(resideInAPackage("dev.routerlab.text"))))
            .check(classes);
    }

    @Test
    void linkKnowsOnlyPackets() {
        noClasses().that().resideInAPackage("dev.routerlab.link..")
            .should().dependOnClassesThat(resideInAPackage("dev.routerlab..")
                .and(not(resideInAnyPackage("dev.routerlab.link..", "dev.routerlab.packet.."))))
            .check(classes);
    }

    @Test
    void theModelIsValuesOnly() {
        noClasses().that().resideInAPackage("dev.routerlab.config..")
            .should().dependOnClassesThat(resideInAPackage("dev.routerlab..")
                .and(not(resideInAnyPackage("dev.routerlab.config..", "dev.routerlab.packet.."))))
            .check(classes);
    }

    @Test
    void theRouterComposesEnginesOnly() {
        noClasses().that().resideInAPackage("dev.routerlab.device")
            .should().dependOnClassesThat().resideInAnyPackage(
                "..cli..", "dev.routerlab.ssh..", "dev.routerlab.lab..", "dev.routerlab.features..")
            .check(classes);
    }

    @Test
    void commandLayersNeitherListFeaturesNorRunLabs() {
        noClasses().that().resideInAPackage("dev.routerlab.*.cli")
            .should().dependOnClassesThat().resideInAnyPackage("dev.routerlab.lab..", "dev.routerlab.features..")
            .check(classes);
    }

    @Test
    void theDeviceLayerKnowsNoOtherCommandLayer() {
        noClasses().that().resideInAPackage("dev.routerlab.device.cli")
            .should().dependOnClassesThat(resideInAPackage("dev.routerlab.*.cli")
                .and(not(resideInAPackage("dev.routerlab.device.cli"))))
            .check(classes);
    }

    @Test
    void noMutableStaticStateSharedBetweenRouters() {
        fields().that().areStatic().and().areDeclaredInClassesThat().resideInAPackage("dev.routerlab..")
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.routerlab.grammar")  // ANTLR's generated tables
            .should().beFinal()
            .andShould(notMention(Router.class))
            .check(classes);
    }

    /** A static field whose type involves a router (a side table keyed by router) is state shared between routers. */
    private static ArchCondition<JavaField> notMention(Class<?> type) {
        return new ArchCondition<>("not hold " + type.getSimpleName() + "s") {
            @Override
            public void check(JavaField f, ConditionEvents events) {
                boolean hit = f.getType().getAllInvolvedRawTypes().stream().anyMatch(t -> t.isEquivalentTo(type));
                if (hit) events.add(SimpleConditionEvent.violated(f, f.getFullName() + " holds " + type.getSimpleName() + "s in a static field"));
            }
        };
    }
}
