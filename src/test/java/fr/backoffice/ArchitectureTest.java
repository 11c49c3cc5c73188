package fr.backoffice;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaFieldAccess.AccessType.SET;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code (docs/architecture.md "Architecture"): each feature uses only the features below it, and only a
 * feature's {@code rest} package speaks HTTP: its services, repositories and domain never import a {@code rest}
 * package, so what events and stored answers hold (the {@code api} records) does not depend on how it is served.
 */
class ArchitectureTest {

    private static final String ROOT = "fr.backoffice";
    /** What each feature may use, besides itself. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("common", Set.of()),
            Map.entry("event", Set.of("common")),
            Map.entry("audit", Set.of("common", "event")),
            Map.entry("unit", Set.of("common", "event", "audit")),
            Map.entry("account", Set.of("common", "event", "audit", "unit")),
            Map.entry("ledger", Set.of("common", "event", "audit", "unit", "account")),
            Map.entry("operation", Set.of("common", "event", "audit", "unit", "account", "ledger")),
            Map.entry("clearing", Set.of("common", "event", "audit", "unit", "account", "ledger", "operation")),
            Map.entry("reconciliation", Set.of("common", "event", "audit", "unit", "account", "ledger", "operation", "clearing")),
            Map.entry("statement", Set.of("common", "event", "audit", "unit", "account", "ledger", "operation")),
            Map.entry("declarant", Set.of("common", "event", "audit")),
            Map.entry("filing", Set.of("common", "event", "audit", "declarant")),
            Map.entry("webhook", Set.of("common", "event", "audit")));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static Stream<String> features() {
        return MAY_USE.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("features")
    void a_feature_uses_only_the_features_below_it(String feature) {
        String[] forbidden = MAY_USE.keySet().stream()
                .filter(other -> !other.equals(feature) && !MAY_USE.get(feature).contains(other))
                .map(other -> ROOT + "." + other + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(ROOT + "." + feature + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because(feature + " may use only " + MAY_USE.get(feature))
                .check(CLASSES);
    }

    @ParameterizedTest
    @MethodSource("features")
    void only_rest_packages_depend_on_rest_packages(String feature) {
        noClasses().that().resideInAPackage(ROOT + "." + feature + "..").and().resideOutsideOfPackage("..rest..")
                .should().dependOnClassesThat().resideInAPackage("..rest..")
                .check(CLASSES);
    }

    @Test
    void every_feature_is_listed() {
        List<String> packages = CLASSES.stream().map(javaClass -> javaClass.getPackageName())
                .filter(name -> name.startsWith(ROOT + "."))
                .map(name -> name.substring(ROOT.length() + 1).split("\\.")[0])
                .distinct().toList();
        assertThat(MAY_USE.keySet()).containsAll(packages);
    }

    /** docs/architecture.md "Constructor injection": a bean takes what it uses in its constructor, never in a field. */
    @Test
    void beans_take_what_they_use_by_constructor() {
        noFields().should().beAnnotatedWith(jakarta.inject.Inject.class)
                .orShould().beAnnotatedWith(org.eclipse.microprofile.config.inject.ConfigProperty.class)
                .check(CLASSES);
    }

    /**
     * docs/architecture.md "Entities change themselves": an entity's fields are written only by the entity's own
     * methods, which check its invariant; every other class reads them.
     */
    @Test
    void only_an_entity_sets_its_own_fields() {
        DescribedPredicate<JavaFieldAccess> anotherClassSettingAnEntityField = DescribedPredicate.describe(
                "another class setting a field of an @Entity",
                (JavaFieldAccess access) -> access.getAccessType() == SET
                        && access.getTargetOwner().isAnnotatedWith(jakarta.persistence.Entity.class)
                        && !access.getOriginOwner().equals(access.getTargetOwner()));
        noClasses().should().accessFieldWhere(anotherClassSettingAnEntityField).check(CLASSES);
    }
}
