// SPDX-License-Identifier: Apache-2.0
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes bench/report/index.html from what bench/all.sh collected in that folder: machine.txt, and per
 * benchmark NAME.out (its stdout), NAME.err (its log) and NAME.meta (exit code, seconds, load average
 * before and after). {@code java bench/all/Report.java bench/report}
 *
 * <p>The figures come from the RESULT, PCTL and SERIES lines of bench/lib.sh; a benchmark without them
 * (group.sh, restart.sh) shows its output only. The charts are plain SVG written here rather than with a
 * charting library (XChart or JFreeChart from Maven Central): three simple kinds of chart do not justify a
 * dependency that a single-file program would need resolved and put on its class path, and inline SVG
 * opens in any browser without scripts or network.
 */
public class Report {
    record Result(String name, double ours, double ref, double ratio, String unit, Double target, boolean higherBetter, Double limit) {
        /** met, NOT met, or empty when there is no aim. */
        String verdict() {
            List<Boolean> checks = new ArrayList<>();
            if (target != null && !Double.isNaN(ratio)) {
                checks.add(higherBetter ? ratio >= target : ratio <= target);
            }
            if (limit != null) {
                checks.add(higherBetter ? ours >= limit : ours < limit);
            }
            return checks.isEmpty() ? "" : checks.contains(false) ? "NOT met" : "met";
        }

        String aim() {
            List<String> aims = new ArrayList<>();
            if (target != null) {
                aims.add("ratio " + (higherBetter ? "≥ " : "≤ ") + num(target));
            }
            if (limit != null) {
                aims.add("ours " + (higherBetter ? "≥ " : "< ") + num(limit) + " " + unit);
            }
            return String.join(", ", aims);
        }
    }

    record Series(String name, String who, String unit, double step, List<Double> values) {
    }

    record Percentiles(String name, String who, Map<String, Double> values) {
    }

    record Bench(String name, Map<String, String> meta, List<Result> results, List<Percentiles> percentiles, List<Series> series,
            String out, String err) {
    }

    private static final String[] COLOURS = {"#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f"};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/report");
        List<Bench> benches = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path meta : files.filter(p -> p.toString().endsWith(".meta")).sorted().toList()) {
                benches.add(read(dir, meta.getFileName().toString().replaceFirst("\\.meta$", "")));
            }
        }
        String machine = Files.exists(dir.resolve("machine.txt")) ? Files.readString(dir.resolve("machine.txt")) : "";
        Files.writeString(dir.resolve("index.html"), html(machine, benches));
        System.out.println(dir.resolve("index.html"));
    }

    static Bench read(Path dir, String name) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(); // a name=value a line; values may hold blanks
        for (String line : Files.readAllLines(dir.resolve(name + ".meta"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                meta.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String out = text(dir.resolve(name + ".out"));
        List<Result> results = new ArrayList<>();
        List<Percentiles> percentiles = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        for (String line : out.split("\n")) {
            Map<String, String> f = fields(line.replaceFirst("^\\S+\\s*", ""));
            if (line.startsWith("RESULT ")) {
                results.add(new Result(f.get("name"), dbl(f.get("ours")), dbl(f.get("ref")), dbl(f.get("ratio")), f.getOrDefault("unit", ""),
                        opt(f.get("target")), !"lower".equals(f.get("better")), opt(f.get("limit"))));
            } else if (line.startsWith("PCTL ")) {
                Map<String, Double> values = new LinkedHashMap<>();
                f.forEach((k, v) -> {
                    if (k.matches("p[0-9.]+|max")) {
                        values.put(k, dbl(v));
                    }
                });
                percentiles.add(new Percentiles(f.get("name"), f.get("who"), values));
            } else if (line.startsWith("SERIES ")) {
                List<Double> values = Stream.of(f.getOrDefault("values", "").split(",")).filter(v -> !v.isBlank()).map(Report::dbl).toList();
                series.add(new Series(f.get("name"), f.get("who"), f.getOrDefault("unit", ""), dbl(f.getOrDefault("step", "1")), values));
            }
        }
        return new Bench(name, meta, results, percentiles, series, out, text(dir.resolve(name + ".err")));
    }

    static String html(String machine, List<Bench> benches) {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Capa EE benchmarks</title><style>
                body{font-family:system-ui,sans-serif;margin:2em;max-width:72em;color:#222}
                table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
                td.n{text-align:right;font-variant-numeric:tabular-nums}.met{color:#2f855a}.not{color:#c53030;font-weight:bold}
                pre{background:#f6f6f6;padding:.6em;overflow:auto;max-height:30em}svg{display:block;margin:.5em 0}
                </style></head><body><h1>Capa EE benchmarks</h1>
                """);
        h.append("<h2>Machine</h2><pre>").append(esc(machine)).append("</pre>");
        h.append("<p>Each benchmark runs our code and its reference in one run on this machine; the load average before and")
                .append(" after each says how busy the machine was (figures taken at a load above the core count are noisy).</p>");
        h.append("<h2>Ratios against their targets</h2><table><tr><th>benchmark</th><th>figure</th><th>ours</th><th>reference</th>")
                .append("<th>unit</th><th>ratio</th><th>aim</th><th></th><th>load before → after</th></tr>");
        for (Bench b : benches) {
            String load = b.meta().getOrDefault("load_before", "?") + " → " + b.meta().getOrDefault("load_after", "?");
            if (b.results().isEmpty()) {
                h.append("<tr><td><a href=\"#").append(b.name()).append("\">").append(b.name()).append("</a></td><td colspan=7>")
                        .append("0".equals(b.meta().get("rc")) ? "no RESULT lines: see its output" : "FAILED (exit " + esc(b.meta().get("rc")) + ")")
                        .append("</td><td>").append(esc(load)).append("</td></tr>");
            }
            for (Result r : b.results()) {
                String v = r.verdict();
                h.append("<tr><td><a href=\"#").append(b.name()).append("\">").append(b.name()).append("</a></td><td>").append(esc(r.name()))
                        .append("</td><td class=n>").append(num(r.ours())).append("</td><td class=n>").append(num(r.ref()))
                        .append("</td><td>").append(esc(r.unit())).append("</td><td class=n>").append(Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                        .append("</td><td>").append(esc(r.aim())).append("</td><td class=").append(v.equals("met") ? "met" : "not").append(">").append(v)
                        .append("</td><td>").append(esc(load)).append("</td></tr>");
            }
        }
        h.append("</table>");
        for (Bench b : benches) {
            h.append("<h2 id=\"").append(b.name()).append("\">").append(b.name()).append("</h2><p>")
                    .append(esc("exit " + b.meta().getOrDefault("rc", "?") + ", " + b.meta().getOrDefault("seconds", "?") + " s, load before "
                            + b.meta().getOrDefault("load_before", "?") + ", after " + b.meta().getOrDefault("load_after", "?")
                            + "; command: " + b.meta().getOrDefault("command", "")))
                    .append("</p>");
            if (!b.results().isEmpty()) {
                h.append("<h3>Ours beside the reference</h3>").append(bars(b.results()));
            }
            Map<String, List<Percentiles>> byName = b.percentiles().stream()
                    .collect(Collectors.groupingBy(Percentiles::name, LinkedHashMap::new, Collectors.toList()));
            byName.forEach((name, list) -> h.append("<h3>Latency percentiles: ").append(esc(name)).append(" (ms, log scale)</h3>").append(percentiles(list)));
            Map<String, List<Series>> seriesByName = b.series().stream()
                    .collect(Collectors.groupingBy(Series::name, LinkedHashMap::new, Collectors.toList()));
            seriesByName.forEach((name, list) -> h.append("<h3>Over time: ").append(esc(name)).append(" (").append(esc(list.get(0).unit()))
                    .append(")</h3>").append(series(list)));
            h.append("<details><summary>output</summary><pre>").append(esc(b.out())).append("</pre></details>");
            h.append("<details><summary>log (last 80 lines)</summary><pre>").append(esc(tail(b.err(), 80))).append("</pre></details>");
        }
        return h.append("</body></html>\n").toString();
    }

    /** One row per RESULT: ours and the reference as two horizontal bars, scaled to the larger of the two. */
    static String bars(List<Result> results) {
        int row = 46;
        int width = 760;
        int label = 300;
        StringBuilder s = svg(width, row * results.size() + 24);
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            double max = Math.max(Math.abs(r.ours()), Math.abs(r.ref()));
            int y = 8 + i * row;
            s.append(text(0, y + 16, r.name(), "start"));
            String ratio = Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, " · ratio %.2f", r.ratio());
            s.append(text(0, y + 34, r.unit() + ratio + (r.verdict().isEmpty() ? "" : " (aim " + r.aim() + ": " + r.verdict() + ")"), "start"));
            double[] values = {r.ours(), r.ref()};
            String[] who = {"ours", "reference"};
            for (int k = 0; k < 2; k++) {
                double w = max > 0 && !Double.isNaN(values[k]) ? (width - label - 130) * Math.abs(values[k]) / max : 0;
                s.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%.1f' height='16' fill='%s'/>", label, y + k * 19, w, COLOURS[k]));
                s.append(text(label + (int) w + 6, y + k * 19 + 13, who[k] + " " + num(values[k]), "start"));
            }
        }
        return s.append("</svg>").toString();
    }

    /** One line per who across the percentiles (p50, p75, p90, p99, max ...), on a log scale. */
    static String percentiles(List<Percentiles> list) {
        List<String> keys = list.stream().flatMap(p -> p.values().keySet().stream()).distinct().toList();
        double min = list.stream().flatMap(p -> p.values().values().stream()).filter(v -> v > 0).min(Double::compare).orElse(0.001);
        double max = list.stream().flatMap(p -> p.values().values().stream()).max(Double::compare).orElse(1.0);
        double lo = Math.floor(Math.log10(min));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
        Plot plot = new Plot(240, 50);
        StringBuilder s = plot.svg();
        for (double d = lo; d <= hi; d++) {
            int y = plot.top() + (int) (plot.plotH() * (hi - d) / (hi - lo));
            s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#ddd'/>", plot.left(), plot.left() + plot.plotW(), y, y));
            s.append(text(plot.left() - 6, y + 4, num(Math.pow(10, d)), "end"));
        }
        for (int k = 0; k < keys.size(); k++) {
            s.append(text(plot.left() + xAt(k, keys.size(), plot.plotW()), plot.top() + plot.plotH() + 18, keys.get(k), "middle"));
        }
        for (int i = 0; i < list.size(); i++) {
            Percentiles p = list.get(i);
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < keys.size(); k++) {
                Double v = p.values().get(keys.get(k));
                if (v == null || v <= 0) {
                    continue;
                }
                int x = plot.left() + xAt(k, keys.size(), plot.plotW());
                int y = plot.top() + (int) (plot.plotH() * (hi - Math.log10(v)) / (hi - lo));
                points.append(x).append(',').append(y).append(' ');
                s.append(String.format(Locale.ROOT, "<circle cx='%d' cy='%d' r='3' fill='%s'><title>%s %s: %s ms</title></circle>", x, y,
                        COLOURS[i % COLOURS.length], esc(p.who()), keys.get(k), num(v)));
            }
            plot.line(s, i, p.who(), points);
        }
        return s.append("</svg>").toString();
    }

    /** Values over time, one line per who. */
    static String series(List<Series> list) {
        double max = list.stream().flatMap(p -> p.values().stream()).max(Double::compare).orElse(1.0);
        double seconds = list.stream().mapToDouble(p -> p.values().size() * p.step()).max().orElse(1);
        Plot plot = new Plot(220, 40);
        StringBuilder s = plot.svg();
        s.append(String.format("<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#999'/>", plot.left(), plot.left() + plot.plotW(), plot.top() + plot.plotH(), plot.top() + plot.plotH()));
        s.append(text(plot.left() - 6, plot.top() + 4, num(max), "end")).append(text(plot.left() - 6, plot.top() + plot.plotH(), "0", "end"));
        s.append(text(plot.left() + plot.plotW(), plot.top() + plot.plotH() + 16, num(seconds) + " s", "end"));
        for (int i = 0; i < list.size(); i++) {
            Series p = list.get(i);
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < p.values().size(); k++) {
                double x = plot.left() + plot.plotW() * (k * p.step()) / seconds;
                double y = plot.top() + plot.plotH() * (1 - p.values().get(k) / (max > 0 ? max : 1));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            plot.line(s, i, p.who(), points);
        }
        return s.append("</svg>").toString();
    }

    /** A chart 560 wide: the plot area right of the axis labels, a legend right of it, bottom px below it for labels. */
    record Plot(int height, int bottom) {
        int left() {
            return 60;
        }

        int top() {
            return 10;
        }

        int plotW() {
            return 560 - left() - 150;
        }

        int plotH() {
            return height - bottom;
        }

        StringBuilder svg() {
            return Report.svg(560, height);
        }

        /** Line number i through points, and its name in the legend. */
        void line(StringBuilder s, int i, String who, CharSequence points) {
            String colour = COLOURS[i % COLOURS.length];
            s.append(String.format("<polyline points='%s' fill='none' stroke='%s' stroke-width='2'/>", points, colour));
            s.append(text(left() + plotW() + 12, top() + 14 + i * 18, who, "start", colour));
        }
    }

    static int xAt(int k, int n, int plotW) {
        return n == 1 ? plotW / 2 : plotW * k / (n - 1);
    }

    static StringBuilder svg(int width, int height) {
        return new StringBuilder(String.format("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-size='12' "
                + "font-family='system-ui,sans-serif'>", width, height));
    }

    static String text(int x, int y, String text, String anchor) {
        return text(x, y, text, anchor, "#222");
    }

    static String text(int x, int y, String text, String anchor, String colour) {
        return String.format("<text x='%d' y='%d' text-anchor='%s' fill='%s'>%s</text>", x, y, anchor, colour, esc(text));
    }

    /** name=value pairs separated by blanks; a value runs to the next blank. */
    static Map<String, String> fields(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String word : line.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                f.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return f;
    }

    static double dbl(String s) {
        try {
            return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static Double opt(String s) {
        double d = dbl(s);
        return Double.isNaN(d) ? null : d;
    }

    static String num(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        double a = Math.abs(d);
        if (a < 1) {
            return new BigDecimal(String.format(Locale.ROOT, "%.3g", d)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : "%.2f", d);
    }

    static String text(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
