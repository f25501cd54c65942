// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The text of a connector document as {@link ConnectorParser} reads it: plain or base64, and YAML
 * loaded within limits (size, aliases, nesting), so that a hostile document is refused as an
 * {@link InvalidConnectorException} before it costs memory or stack.
 */
final class ConnectorDocument {
    private static final int MAX_DOCUMENT_CHARS = 256 * 1024;
    /** Far deeper than any connector document (four or five levels), far shallower than the stack. */
    static final int MAX_NESTING = 64;

    private ConnectorDocument() {}

    /** Base64 when the text is one token of the base64 alphabet that decodes to text; else the text itself. */
    static String decode(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidConnectorException("document", "empty");
        }
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidConnectorException("document", "longer than " + MAX_DOCUMENT_CHARS + " characters");
        }
        String stripped = text.strip();
        if (stripped.matches("[A-Za-z0-9+/=\\r\\n]+") && !stripped.contains(":")) {
            try {
                return new String(Base64.getMimeDecoder().decode(stripped), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidConnectorException("document", "neither YAML nor base64: " + e.getMessage());
            }
        }
        return text;
    }

    static Object load(String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel("connector").setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(20).setCodePointLimit(MAX_DOCUMENT_CHARS * 4).build();
        try {
            checkNesting(settings, yaml);
            return new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new InvalidConnectorException("document", "not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        }
    }

    /**
     * snakeyaml-engine builds nodes recursively and has no nesting limit, so a document of a few
     * KiB of brackets would end in a StackOverflowError; its event parser keeps an explicit stack,
     * so the events are counted first.
     */
    private static void checkNesting(LoadSettings settings, String yaml) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(yaml)) {
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_NESTING) {
                        throw new InvalidConnectorException("document", "mappings and sequences nested deeper than " + MAX_NESTING + " levels");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                    // scalars, aliases, document and stream markers do not nest
                }
            }
        }
    }
}
