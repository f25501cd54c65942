// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ManagedBeansTest {
    public interface ProbeMXBean {
        long getCount();
    }

    private record Probe(long count) implements ProbeMXBean {
        @Override
        public long getCount() {
            return count;
        }
    }

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    @Test
    void aSecondRunReplacesTheMBeanItsFirstRunLeftBehind() throws Exception {
        ObjectName name = ManagedBeans.name("Probe", "a \"quoted\", name");
        new ManagedBeans(server).register(name, new Probe(1)); // never closed: an application that died
        ManagedBeans second = new ManagedBeans(server);
        second.register(name, new Probe(2));
        assertEquals(2L, server.getAttribute(name, "Count"));
        assertEquals(ManagedBeans.DOMAIN, name.getDomain());
        assertEquals("Probe", name.getKeyProperty("type"));
        assertEquals("a \"quoted\", name", ObjectName.unquote(name.getKeyProperty("name")));
    }

    @Test
    void closeUnregistersEveryBeanStillHeld() {
        ManagedBeans beans = new ManagedBeans(server);
        ObjectName a = ManagedBeans.name("Probe", "a");
        ObjectName b = ManagedBeans.name("Probe", "b");
        beans.register(a, new Probe(1));
        beans.register(b, new Probe(1));
        beans.unregister(a);
        assertFalse(server.isRegistered(a));
        assertTrue(server.isRegistered(b));
        beans.close();
        assertFalse(server.isRegistered(b));
        assertTrue(beans.names().isEmpty());
    }
}
