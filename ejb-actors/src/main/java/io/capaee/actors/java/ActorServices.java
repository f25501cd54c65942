// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.java;

import io.capaee.api.actors.Actor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Java actor classes that the {@code META-INF/services/io.capaee.api.actors.Actor} files visible
 * to a class loader list. Read directly, not through {@link java.util.ServiceLoader}: that one wants a
 * public no-argument constructor and a subtype of {@link Actor}, so it refuses the usual actor class
 * (a constructor taking an {@code ActorContext}, {@code Actor} optional), and its first error hides
 * the entries after it.
 */
public final class ActorServices {
    public static final String FILE = "META-INF/services/" + Actor.class.getName();

    /** The classes found (in file order, no duplicates), and one message per line that names no loadable class. */
    public record Found(Set<Class<?>> classes, List<String> problems) {}

    private ActorServices() {}

    public static Found read(ClassLoader loader) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        Enumeration<URL> files;
        try {
            files = loader.getResources(FILE);
        } catch (IOException e) {
            return new Found(classes, List.of("cannot list " + FILE + ": " + e.getMessage()));
        }
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String name = (hash < 0 ? line : line.substring(0, hash)).trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    try {
                        classes.add(Class.forName(name, false, loader));
                    } catch (ClassNotFoundException | LinkageError e) {
                        problems.add(file + " names " + name + ", which is not a class the application can load (" + e + ")");
                    }
                }
            } catch (IOException e) {
                problems.add("cannot read " + file + ": " + e.getMessage());
            }
        }
        return new Found(classes, problems);
    }
}
