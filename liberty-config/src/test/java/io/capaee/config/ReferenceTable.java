// SPDX-License-Identifier: Apache-2.0
package io.capaee.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of the configuration reference: every table row whose first cell is one dotted name in
 * backticks (`capa.kv.host`), with its second cell, the default. Rows of resource-adapter properties
 * (`host`, `bootstrapServers`) have no dot and are not settings of this kind. The page's last section,
 * {@value #RENAMED_HEADING}, names old settings and is not part of the reference.
 */
final class ReferenceTable {
    static final String RENAMED_HEADING = "## Renamed settings";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    record Row(String name, String defaultCell) {
        /** The default cell states {@code value}: `value` first, or "empty" for an empty one. */
        boolean statesDefault(String value) {
            if (value.isEmpty()) {
                return defaultCell.equals("empty");
            }
            Matcher first = CODE.matcher(defaultCell);
            return first.find() && first.start() == 0 && first.group(1).equals(value);
        }
    }

    private ReferenceTable() {
    }

    static Map<String, Row> read(Path reference) throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        List<String> lines = withoutRenamed(Files.readAllLines(reference));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = cells(line);
            if (cells.length < 2) {
                continue;
            }
            List<String> names = CODE.matcher(cells[0]).results().map(m -> m.group(1)).filter(n -> n.contains(".")).toList();
            if (names.isEmpty()) {
                continue;
            }
            if (names.size() > 1 || !cells[0].equals("`" + names.get(0) + "`")) {
                throw new IllegalStateException(reference + " line " + (i + 1) + ": one setting per row, alone in its first cell: " + cells[0]);
            }
            if (rows.put(names.get(0), new Row(names.get(0), cells[1])) != null) {
                throw new IllegalStateException(reference + " line " + (i + 1) + ": " + names.get(0) + " is documented twice");
            }
        }
        return rows;
    }

    /** The lines of the reference before its section of renamed settings. */
    static List<String> withoutRenamed(List<String> lines) {
        int end = lines.indexOf(RENAMED_HEADING);
        return end < 0 ? lines : lines.subList(0, end);
    }

    /** The rows of the section of renamed settings: old name to new name, both in backticks. */
    static Map<String, String> renamed(Path reference) throws IOException {
        List<String> lines = Files.readAllLines(reference);
        int start = lines.indexOf(RENAMED_HEADING);
        Map<String, String> renamed = new TreeMap<>();
        for (String line : start < 0 ? List.<String>of() : lines.subList(start, lines.size())) {
            if (line.startsWith("| `")) {
                String[] cells = cells(line.strip());
                renamed.put(cells[0].replace("`", ""), cells[1].replace("`", ""));
            }
        }
        return renamed;
    }

    /** The cells of a table row; {@code \|} inside a cell is not a separator. */
    private static String[] cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        String[] cells = inner.split("(?<!\\\\)\\|", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }
}
