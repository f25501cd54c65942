// SPDX-License-Identifier: Apache-2.0
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples (jdk.ExecutionSample) of a JFR recording: the methods on top of the
 * stack (self time), and the methods anywhere on the stack (inclusive time), as % of all samples.
 * With a focus method (e.g. {@code io.capaee.functions.rest.FunctionsResource.call}), also the
 * callee tree below it (4 levels, entries of at least 0.5% of all samples).
 * Usage: java bench/profile/JfrTop.java recording.jfr [N [focus]]
 */
public class JfrTop {
    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        String focus = args.length > 2 ? args[2] : null;
        Node tree = new Node();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            total++;
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            self.merge(name(frames.get(0)), 1, Integer::sum);
            if (focus != null) {
                for (int i = frames.size() - 1; i >= 0; i--) {
                    if (name(frames.get(i)).equals(focus)) {
                        Node node = tree;
                        node.count++;
                        for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
                            node = node.children.computeIfAbsent(name(frames.get(j)), k -> new Node());
                            node.count++;
                        }
                        break;
                    }
                }
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
            }
        }
        allocations(args[0], top);
        System.out.printf("%n%d execution samples%n", total);
        print("threads", threads, total, top);
        print("self (top of stack)", self, total, top);
        print("inclusive (anywhere on the stack)", inclusive, total, top * 3);
        if (focus != null) {
            System.out.printf("%n-- below %s (%% of all samples)%n%6.1f%%  %s%n", focus, 100.0 * tree.count / Math.max(1, total), focus);
            tree.print("  ", total);
        }
    }

    static final class Node {
        int count;
        final Map<String, Node> children = new HashMap<>();

        void print(String indent, int total) {
            children.entrySet().stream()
                    .sorted((a, b) -> b.getValue().count - a.getValue().count)
                    .filter(en -> en.getValue().count * 200 >= total)
                    .forEach(en -> {
                        System.out.printf("%6.1f%%  %s%s%n", 100.0 * en.getValue().count / total, indent, en.getKey());
                        en.getValue().print(indent + "  ", total);
                    });
        }
    }

    /** Allocation samples (jdk.ObjectAllocationSample, weighted in bytes) by allocating method and by object class. */
    private static void allocations(String file, int top) throws Exception {
        Map<String, Long> byFrame = new HashMap<>();
        Map<String, Long> byClass = new HashMap<>();
        Map<String, Long> capaee = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(file))) {
            if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample") || e.getStackTrace() == null) {
                continue;
            }
            long w = e.getLong("weight");
            total += w;
            byClass.merge(e.getClass("objectClass").getName(), w, Long::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                byFrame.merge(name(frames.get(0)), w, Long::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if ((n.startsWith("io.capaee") || n.startsWith("com.dylibso")) && seen.add(n)) {
                    capaee.merge(n, w, Long::sum);
                }
            }
        }
        System.out.printf("%d MB allocated (sampled weight)%n", total >> 20);
        printBytes("allocated by method (top of stack)", byFrame, total, top);
        printBytes("allocated by class", byClass, total, top / 2);
        printBytes("allocated below io.capaee / com.dylibso methods (inclusive)", capaee, total, top);
    }

    private static void printBytes(String title, Map<String, Long> counts, long total, int n) {
        System.out.printf("%n-- %s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .forEach(en -> System.out.printf("%6.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int n) {
        System.out.printf("%n-- %s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .forEach(en -> System.out.printf("%6.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
    }
}
