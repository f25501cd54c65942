// SPDX-License-Identifier: Apache-2.0
package io.capaee.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The {@code <variable>} elements of Liberty configuration files (a server.xml and what it includes): name to default (or fixed value). */
final class ServerXmlVariables {
    private ServerXmlVariables() {
    }

    static Map<String, String> read(Path... files) throws IOException {
        Map<String, String> variables = new TreeMap<>();
        for (Path file : files) {
            variables.putAll(read(file));
        }
        return variables;
    }

    private static Map<String, String> read(Path serverXml) throws IOException {
        try (InputStream in = Files.newInputStream(serverXml)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = factory.newDocumentBuilder().parse(in).getDocumentElement().getElementsByTagName("variable");
            Map<String, String> variables = new TreeMap<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element variable = (Element) nodes.item(i);
                String value = variable.hasAttribute("defaultValue") ? variable.getAttribute("defaultValue") : variable.getAttribute("value");
                variables.put(variable.getAttribute("name"), value);
            }
            return variables;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(serverXml + " is not well-formed XML: " + e.getMessage(), e);
        }
    }
}
