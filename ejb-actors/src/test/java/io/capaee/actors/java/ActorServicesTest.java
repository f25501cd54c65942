// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.examples.CounterActor;
import io.capaee.api.actors.Actor;
import io.capaee.api.actors.ActorType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActorServicesTest {
    @TempDir
    Path dir;

    /** A class loader like a module's: its own service file, over the test's classes. */
    private URLClassLoader module(String... lines) throws Exception {
        Path file = dir.resolve(ActorServices.FILE);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ActorServicesTest.class.getClassLoader());
    }

    @Test
    void listedActorClassesAreFoundWhateverTheirConstructorAndSupertype() throws Exception {
        try (URLClassLoader loader = module("# actors of this module", CounterActor.class.getName() + "  # takes an ActorContext",
                "", Annotated.class.getName(), CounterActor.class.getName())) {
            ActorServices.Found found = ActorServices.read(loader);
            assertEquals(Set.of(CounterActor.class, Annotated.class), found.classes());
            assertEquals(List.of(), found.problems());
            // every one of them is a valid actor type
            found.classes().forEach(c -> new JavaActorType(c, null));
        }
    }

    @Test
    void aWrongLineIsNamedAndHidesNothing() throws Exception {
        try (URLClassLoader loader = module("com.example.Missing", CounterActor.class.getName())) {
            ActorServices.Found found = ActorServices.read(loader);
            assertEquals(Set.of(CounterActor.class), found.classes());
            assertEquals(1, found.problems().size());
            assertTrue(found.problems().get(0).contains("names com.example.Missing"), found.problems().toString());
        }
    }

    /** A check of the JDK, not of our code: it records why ActorServices reads the service files itself. */
    @Test
    void harnessCheckTheJdksServiceLoaderWouldRefuseTheUsualActorClass() throws Exception {
        // ServiceLoader wants a public no-argument constructor, which actor classes need not have
        try (URLClassLoader loader = module(CounterActor.class.getName())) {
            ServiceConfigurationError e = assertThrows(ServiceConfigurationError.class,
                    () -> ServiceLoader.load(Actor.class, loader).stream().map(ServiceLoader.Provider::type).toList());
            assertTrue(e.getMessage().contains("no-arg constructor"), e.getMessage());
        }
    }

    /** An actor class that does not implement {@link Actor} (its hooks are optional). */
    @ActorType("annotated")
    public static class Annotated {
        public String hello() {
            return "hi";
        }
    }
}
