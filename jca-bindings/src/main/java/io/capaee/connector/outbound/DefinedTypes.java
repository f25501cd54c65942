// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.connector.BindingException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * The classes a managed connection factory's {@link ConnectionDefinition} names, made: its
 * {@code connectionFactoryImpl} (constructed with the factory and the container's connection
 * manager) and its {@code connectionImpl} (a handle, constructed with no arguments). The annotation
 * is where a factory says which types it hands out, so nothing else needs to say it again.
 */
final class DefinedTypes {
    private final Constructor<?> connectionFactory;
    private final Constructor<? extends ConnectionHandle> handle; // null: the factory makes its handles itself

    DefinedTypes(Class<? extends ManagedConnectionFactory> factoryClass) {
        ConnectionDefinition definition = factoryClass.getAnnotation(ConnectionDefinition.class);
        if (definition == null) {
            throw new BindingException(factoryClass.getName() + " has no @ConnectionDefinition");
        }
        this.connectionFactory = factoryConstructor(definition.connectionFactoryImpl(), factoryClass);
        this.handle = handleConstructor(definition.connectionImpl());
    }

    Object connectionFactory(ManagedConnectionFactory factory, ConnectionManager manager) {
        return make(connectionFactory, factory, manager);
    }

    ConnectionHandle handle() {
        if (handle == null) {
            throw new BindingException("the handles of this factory take arguments: it must make them itself");
        }
        return (ConnectionHandle) make(handle);
    }

    private static Constructor<?> factoryConstructor(Class<?> type, Class<?> factoryClass) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 2 && parameters[0].isAssignableFrom(factoryClass)
                    && parameters[1] == ConnectionManager.class) {
                constructor.setAccessible(true);
                return constructor;
            }
        }
        throw new BindingException(type.getName() + " has no constructor (" + factoryClass.getSimpleName()
                + ", ConnectionManager)");
    }

    private static Constructor<? extends ConnectionHandle> handleConstructor(Class<?> type) {
        try {
            Constructor<? extends ConnectionHandle> constructor = type.asSubclass(ConnectionHandle.class).getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object make(Constructor<?> constructor, Object... arguments) {
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BindingException("cannot make a " + constructor.getDeclaringClass().getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new BindingException("cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
        }
    }
}
