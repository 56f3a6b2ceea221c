package chainkg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j Community server for chainkg's tests and local development, without Docker.
 *
 * <p>Starts an embedded {@link DatabaseManagementService} with the Bolt connector on
 * HOST:PORT (no TLS, HTTP off, authentication on) over a persistent home directory, makes sure
 * user {@code neo4j} has the requested password, prints {@code NEO4J READY bolt://HOST:PORT}
 * and then serves until the process gets SIGTERM/SIGINT, when it shuts the databases down
 * cleanly.
 *
 * <pre>
 * java [JVM flags] -cp target/classes:target/lib/* chainkg.EmbeddedNeo4j \
 *     [--port 7687] [--home .neo4j-data] [--password chainkg-test] [--pagecache 128m]
 *     [--host 127.0.0.1] [--parent-pid PID]
 * </pre>
 *
 * <p>The password may also be given as {@code $CHAINKG_NEO4J_PASSWORD} (kept out of
 * {@code ps}); {@code --parent-pid} makes the server shut down once that process is gone.
 */
public final class EmbeddedNeo4j {

    static final String READY_PREFIX = "NEO4J READY ";
    static final String DEFAULT_PASSWORD = "chainkg-test";
    static final String PASSWORD_ENV = "CHAINKG_NEO4J_PASSWORD";

    private EmbeddedNeo4j() {}

    public static void main(String[] args) throws Exception {
        int port = 7687;
        Path home = Path.of(".neo4j-data");
        String password = System.getenv().getOrDefault(PASSWORD_ENV, DEFAULT_PASSWORD);
        String pageCache = "128m";
        String host = "127.0.0.1";
        long parentPid = -1;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                case "--home", "--data-dir" -> home = Path.of(value(args, ++i, arg));
                case "--password" -> password = value(args, ++i, arg);
                case "--pagecache" -> pageCache = value(args, ++i, arg);
                case "--host" -> host = value(args, ++i, arg);
                case "--parent-pid" -> parentPid = Long.parseLong(value(args, ++i, arg));
                case "-h", "--help" -> {
                    System.out.println("usage: chainkg.EmbeddedNeo4j [--port 7687] [--home DIR]"
                            + " [--password PW] [--pagecache 128m] [--host 127.0.0.1]"
                            + " [--parent-pid PID]\n"
                            + "The password may also come from $" + PASSWORD_ENV + ".");
                    return;
                }
                default -> usage("unknown argument: " + arg);
            }
        }
        if (password.length() < 8) {
            // Neo4j's default dbms.security.auth_minimum_password_length is 8.
            usage("the password must be at least 8 characters long");
        }
        long pageCacheBytes = -1;
        try {
            pageCacheBytes = parseBytes(pageCache);
        } catch (RuntimeException e) {
            usage("bad --pagecache value (want e.g. 128m): " + pageCache);
        }
        if (parentPid > 0) {
            exitWithParent(parentPid);
        }

        home = home.toAbsolutePath().normalize();
        Files.createDirectories(home);

        long started = System.nanoTime();
        DatabaseManagementService dbms = null;
        try {
            dbms = start(home, host, port, pageCacheBytes);
        } catch (RuntimeException e) {
            // e.g. the port is taken, or another process holds the store lock.
            fail(e);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean shutDown = new AtomicBoolean(false);
        DatabaseManagementService service = dbms;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (shutDown.compareAndSet(false, true)) {
                System.out.println("NEO4J STOPPING");
                System.out.flush();
                try {
                    service.shutdown();
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
                System.out.println("NEO4J STOPPED");
                System.out.flush();
            }
            stopped.countDown();
        }, "chainkg-neo4j-shutdown"));

        try {
            setPassword(service, password);
            // Make sure the default database is up before announcing readiness.
            GraphDatabaseService db =
                    service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(60_000)) {
                throw new IllegalStateException("default database did not become available");
            }
            db.executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            fail(e);
        }

        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("neo4j " + neo4jVersion() + " home=" + home + " started in " + ms
                + " ms");
        System.out.println(READY_PREFIX + "bolt://" + host + ":" + port);
        System.out.flush();

        stopped.await();
    }

    private static DatabaseManagementService start(
            Path home, String host, int port, long pageCacheBytes) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                // Keep the transaction logs of a test/dev store small.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold,
                        ByteUnit.mebiBytes(32))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout,
                        Duration.ofSeconds(5))
                // The Bolt server otherwise waits 5 s + 5 s on shutdown even when idle.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time,
                        Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time,
                        Duration.ofSeconds(1))
                .build();
    }

    /** Makes the server accept exactly {@code password} for user neo4j, no change required. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Re-setting the current password is refused ("Old password and new password cannot
            // be the same"): the password is then already right.
            String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (!msg.contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /**
     * Exits (running the shutdown hook) once process {@code pid} is gone, so that a test run that
     * dies without calling stop() does not leave a server behind.
     */
    private static void exitWithParent(long pid) {
        Thread watcher = new Thread(() -> {
            while (true) {
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    System.out.println("NEO4J parent process " + pid + " is gone, shutting down");
                    System.out.flush();
                    System.exit(0);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "chainkg-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String neo4jVersion() {
        Package p = GraphDatabaseService.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "(version unknown)" : v;
    }

    private static void fail(Throwable e) {
        System.err.println("NEO4J FAILED " + e);
        e.printStackTrace();
        System.err.flush();
        System.exit(1);
    }

    private static void usage(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage("missing value for " + flag);
        }
        return args[i];
    }

    private static long parseBytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * mult;
    }
}
