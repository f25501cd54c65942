// SPDX-License-Identifier: Apache-2.0
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reference of bench/database.sh: the same statements as the HTTP side, as a plain JDBC loop with no
 * server in between: THREADS threads, each on a connection of its own with its statement prepared once
 * (Liberty's pool caches prepared statements too), for WARMUP seconds uncounted, then DURATION seconds.
 * Prints "<operation> <statements per second>".
 *
 * Usage: java -cp postgresql.jar JdbcLoop.java URL USER query|exec THREADS WARMUP DURATION ROWS
 */
public class JdbcLoop {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        boolean query = args[2].equals("query");
        int threads = Integer.parseInt(args[3]);
        long warmup = Long.parseLong(args[4]) * 1_000_000_000L;
        long duration = Long.parseLong(args[5]) * 1_000_000_000L;
        int rows = Integer.parseInt(args[6]);
        LongAdder counted = new LongAdder();
        long start = System.nanoTime();
        long from = start + warmup;
        long until = from + duration;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, user, "");
                        PreparedStatement s = c.prepareStatement(query
                                ? "SELECT id, name, qty FROM bench_items WHERE id = ?"
                                : "UPDATE bench_items SET qty = qty + 1 WHERE id = ?")) {
                    for (long now = System.nanoTime(); now < until; now = System.nanoTime()) {
                        s.setInt(1, ThreadLocalRandom.current().nextInt(1, rows + 1));
                        if (query) {
                            try (ResultSet r = s.executeQuery()) {
                                while (r.next()) {
                                    r.getInt(1);
                                    r.getString(2);
                                    r.getInt(3);
                                }
                            }
                        } else if (s.executeUpdate() != 1) {
                            throw new IllegalStateException("the update changed no row");
                        }
                        if (now >= from) {
                            counted.increment();
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("%s %.0f%n", args[2], counted.sum() / (duration / 1e9));
    }
}
