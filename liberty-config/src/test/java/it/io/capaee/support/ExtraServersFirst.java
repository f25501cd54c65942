// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import java.util.Comparator;
import java.util.Set;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The order failsafe's concurrent run takes the classes in (junit.jupiter.testclass.order.default,
 * liberty-config/pom.xml): first those that start an extra server, which take minutes each and wait for one
 * another in their two lanes ({@link SharedResources#EXTRA_SERVER_A}), then the rest by name. Started last,
 * the lanes would finish alone long after the short classes.
 */
public final class ExtraServersFirst implements ClassOrderer {
    private static final Set<String> LANES = Set.of(SharedResources.EXTRA_SERVER_A, SharedResources.EXTRA_SERVER_B);

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor c) -> !startsAnExtraServer(c))
                .thenComparing(c -> c.getTestClass().getName()));
    }

    private static boolean startsAnExtraServer(ClassDescriptor descriptor) {
        return descriptor.findRepeatableAnnotations(ResourceLock.class).stream().anyMatch(lock -> LANES.contains(lock.value()));
    }
}
