// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.resource.spi.ConfigProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config properties of a JCA bean as the container finds them: {@code @ConfigProperty} on a
 * field of the class or a superclass, or on a public setter (also inherited). Checks that each
 * annotated default is the value a new bean has, and that each property has a description.
 */
public final class ConfigPropertyDefaults {
    private ConfigPropertyDefaults() {}

    /** The annotated properties of {@code fresh} (a new instance) and their defaults, checked. */
    public static Map<String, String> check(Object fresh) throws ReflectiveOperationException {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> c = fresh.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                ConfigProperty p = f.getAnnotation(ConfigProperty.class);
                if (p != null) {
                    f.setAccessible(true);
                    found.put(f.getName(), checked(p, f.getName(), f.get(fresh)));
                }
            }
        }
        for (Method m : fresh.getClass().getMethods()) {
            ConfigProperty p = m.getAnnotation(ConfigProperty.class);
            if (p != null) {
                String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                Object value = fresh.getClass().getMethod("get" + m.getName().substring(3)).invoke(fresh);
                found.put(name, checked(p, name, value));
            }
        }
        return found;
    }

    private static String checked(ConfigProperty p, String name, Object value) {
        assertEquals(p.defaultValue(), String.valueOf(value), name + ": the annotated default is the bean's");
        assertFalse(p.description().length == 0 || p.description()[0].isBlank(), name + " has a description");
        return p.defaultValue();
    }
}
