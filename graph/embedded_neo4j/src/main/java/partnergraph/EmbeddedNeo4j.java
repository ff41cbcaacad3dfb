package partnergraph;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.dbms.api.DatabaseNotFoundException;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Neo4j Community, embedded, with its Bolt connector on loopback.
 *
 * Development and CI run this where no Docker engine exists: same Cypher, same
 * driver, same tests as against the server image. Arguments: home directory and
 * Bolt port. The password comes from NEO4J_PASSWORD (never the command line, where
 * `ps` would show it); the user is always "neo4j", as in the Docker image.
 */
public final class EmbeddedNeo4j {
    private EmbeddedNeo4j() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedNeo4j HOME_DIR BOLT_PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
        if (password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be set and at least 8 characters long");
            System.exit(2);
        }
        long pageCache = Long.parseLong(System.getenv().getOrDefault("PARTNERGRAPH_PAGECACHE_BYTES", "268435456"));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // Neo4j keeps two days of transaction logs by default: a day of imports and
                // test runs filled 53 GB. A development database needs none for recovery
                // beyond the last checkpoint, so keep about a rotation's worth.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "512M size")
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and SIGINT run shutdown hooks: close the stores cleanly, then exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("partnergraph-localdb: stopping");
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        try {
            awaitDatabases(dbms, password);
        } catch (RuntimeException e) {
            // Neo4j's own threads keep the JVM alive after main fails: exit, so whoever
            // started us sees the failure at once instead of waiting for "ready".
            e.printStackTrace();
            System.exit(1);
        }

        System.out.println("partnergraph-localdb: Neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + " ready, Bolt on bolt://127.0.0.1:" + port + ", data in " + home);
        System.out.flush();
        stopped.await();
    }

    /**
     * Set the password, then wait for the default database. On a busy machine the system
     * database can answer before the default one exists ("DatabaseNotFoundException: neo4j"
     * from ALTER USER), so those two steps are retried while the database is not there yet,
     * for up to START_SECONDS; any other failure is final.
     */
    private static void awaitDatabases(DatabaseManagementService dbms, String password)
            throws InterruptedException {
        long deadline = System.nanoTime() + START_SECONDS * 1_000_000_000L;
        String waitingFor = null;
        while (true) {
            try {
                setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
                dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
                return;
            } catch (DatabaseNotFoundException | org.neo4j.graphdb.DatabaseShutdownException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                waitingFor = waiting(waitingFor, e);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).contains("unavailable")) {
                    throw e;
                }
                waitingFor = waiting(waitingFor, e);
            }
        }
    }

    private static final long START_SECONDS = 290;

    /** Say once what start-up waits for, then pause before the next try. */
    private static String waiting(String before, RuntimeException e) throws InterruptedException {
        String now = String.valueOf(e.getMessage());
        if (!now.equals(before)) {
            System.out.println("partnergraph-localdb: waiting for the databases (" + now + ")");
        }
        Thread.sleep(500);
        return now;
    }

    /** The same scheme as NEO4J_AUTH=neo4j/PASSWORD in the Docker image. */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one it already has: that is fine.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }
}
