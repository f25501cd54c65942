// SPDX-License-Identifier: Apache-2.0
package io.capaee.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/configuration.md) against what the server reads: server.xml's
 * variables and the settings the code looks up. Plain files, no server: this runs in the unit-test
 * phase, so a variable added without documentation, a default changed in one place only, or a renamed
 * setting still named in the docs fails the build before any server starts.
 */
class ConfigurationReferenceTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("capa.repository.dir", "..")).toAbsolutePath().normalize();
    private static final Path CONFIG = REPOSITORY.resolve("liberty-config/src/main/liberty/config");
    /** The shipped server.xml and the fragment it includes, which holds Capa EE's own variables. */
    private static final Path[] SERVER_XML = {CONFIG.resolve("server.xml"), CONFIG.resolve("capa-ee.xml")};
    private static final Path REFERENCE = REPOSITORY.resolve("docs/configuration.md");

    @Test
    void everyServerXmlVariableIsInTheReference() throws IOException {
        Map<String, String> variables = ServerXmlVariables.read(SERVER_XML);
        Set<String> documented = ReferenceTable.read(REFERENCE).keySet();
        List<String> missing = variables.keySet().stream().filter(v -> !documented.contains(v)).toList();
        assertTrue(missing.isEmpty(), "server.xml variables missing from " + REFERENCE + ": " + missing);
    }

    @Test
    void everyDefaultInTheReferenceIsTheOneInServerXml() throws IOException {
        Map<String, String> variables = ServerXmlVariables.read(SERVER_XML);
        List<String> wrong = new ArrayList<>();
        ReferenceTable.read(REFERENCE).forEach((name, row) -> {
            String value = variables.get(name);
            if (value != null && !row.statesDefault(value)) {
                wrong.add(name + ": server.xml says '" + value + "', the reference '" + row.defaultCell() + "'");
            }
        });
        assertTrue(wrong.isEmpty(), "defaults that differ between server.xml and " + REFERENCE + ": " + wrong);
    }

    @Test
    void everySettingOfTheReferenceIsReadBySomething() throws IOException {
        Map<String, String> variables = ServerXmlVariables.read(SERVER_XML);
        SourceLiterals literals = SourceLiterals.scan(REPOSITORY);
        List<String> unknown = ReferenceTable.read(REFERENCE).keySet().stream()
                .filter(name -> !variables.containsKey(name) && !literals.name(name))
                .toList();
        assertTrue(unknown.isEmpty(), "settings in " + REFERENCE + " that are neither server.xml variables nor read by"
                + " the code (renamed or removed?): " + unknown);
    }

    @Test
    void everyVariableAndDocumentedSettingIsNamedCapaAreaName() throws IOException {
        Set<String> names = new TreeSet<>(ServerXmlVariables.read(SERVER_XML).keySet());
        names.addAll(ReferenceTable.read(REFERENCE).keySet());
        List<String> misnamed = names.stream().filter(name -> !SettingNames.followsTheScheme(name)).toList();
        assertTrue(misnamed.isEmpty(), "settings not named capa.<area>.<name> (Liberty's http.* and https.* aside): " + misnamed);
    }

    @Test
    void everyRenamedSettingsNewNameIsInTheReference() throws IOException {
        SettingPatterns reference = new SettingPatterns(ReferenceTable.read(REFERENCE).keySet());
        Map<String, String> renamed = ReferenceTable.renamed(REFERENCE);
        List<String> unknown = renamed.entrySet().stream().filter(e -> !reference.covers(e.getValue()) || SettingNames.followsTheScheme(e.getKey()))
                .map(e -> e.getKey() + " -> " + e.getValue()).toList();
        assertTrue(!renamed.isEmpty() && unknown.isEmpty(), "renamed settings whose new name is not in the reference, or whose old"
                + " name is not an old one: " + unknown);
    }

    @Test
    void theSchemeRefusesNamesOutsideIt() {
        for (String name : List.of("functions.directory", "capa.app-id", "capa.kv", "capa.Kv.host", "capa.kv.Host", "registry.directory")) {
            assertFalse(SettingNames.followsTheScheme(name), name);
        }
        for (String name : List.of("capa.kv.host", "capa.functions.NAME.timeout", "capa.bindings.kafka-input.group-id", "http.port", "otel.sdk.disabled",
                "io.capaee.proxy.invoke.InvokeClient/send/Retry/maxRetries")) {
            assertTrue(SettingNames.followsTheScheme(name), name);
        }
    }

    @Test
    void everySettingNamedInTheDocsIsInTheReference() throws IOException {
        SettingPatterns reference = new SettingPatterns(ReferenceTable.read(REFERENCE).keySet());
        List<String> unknown = new ArrayList<>();
        for (Path page : pages()) {
            String text = page.equals(REFERENCE) ? String.join("\n", ReferenceTable.withoutRenamed(Files.readAllLines(page))) : Files.readString(page);
            for (String name : SettingMentions.in(text)) {
                if (!reference.covers(name)) {
                    unknown.add(REPOSITORY.relativize(page) + ": " + name);
                }
            }
        }
        assertTrue(unknown.isEmpty(), "settings named in the docs but not in " + REFERENCE + ": " + unknown);
    }

    private static List<Path> pages() throws IOException {
        Set<Path> pages = new TreeSet<>();
        pages.add(REPOSITORY.resolve("README.md"));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        return List.copyOf(pages);
    }
}
