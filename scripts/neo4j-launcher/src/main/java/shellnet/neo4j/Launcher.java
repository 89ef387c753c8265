package shellnet.neo4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Launcher runs a Neo4j 5 Community DBMS embedded in this JVM with its Bolt
 * connector on 127.0.0.1, for shellnet's tests and local use.
 *
 * <pre>
 * java -jar neo4j-launcher.jar --data DIR [--port N] [--auth] [--pagecache SIZE] [--setting NAME=VALUE]...
 * </pre>
 *
 * Port 0 (the default) lets the operating system choose a free port. With
 * --auth, authentication is on and the password of the user "neo4j" is set
 * from $NEO4J_PASSWORD (at least 8 characters), so that it is never on the
 * command line. When Bolt answers a handshake the launcher prints one line,
 * "READY port=N uri=bolt://127.0.0.1:N", and keeps running until SIGTERM or
 * SIGINT, on which it shuts the DBMS down cleanly. Each --setting sets one
 * more Neo4j setting by its neo4j.conf name (db.tx_state.memory_allocation=OFF_HEAP…),
 * after the launcher's own, which it can therefore override.
 */
public final class Launcher {
    private static final String USER = "neo4j";

    public static void main(String[] args) throws Exception {
        Path data = null;
        int port = 0;
        boolean auth = false;
        long pagecache = 256L << 20;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--auth" -> auth = true;
                case "--pagecache" -> pagecache = bytes(value(args, ++i, "--pagecache"));
                case "--setting" -> {
                    String kv = value(args, ++i, "--setting");
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        fail("--setting wants NAME=VALUE, got " + kv);
                    }
                    settings.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                case "-h", "--help" -> {
                    System.out.println("usage: neo4j-launcher --data DIR [--port N] [--auth] [--pagecache SIZE] [--setting NAME=VALUE]...");
                    return;
                }
                default -> fail("unknown argument " + args[i] + " (see --help)");
            }
        }
        if (data == null) {
            fail("--data DIR is required");
        }
        String password = null;
        if (auth) {
            password = System.getenv("NEO4J_PASSWORD");
            if (password == null || password.length() < 8) {
                fail("--auth needs $NEO4J_PASSWORD set to at least 8 characters");
            }
        }
        Files.createDirectories(data);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(data.toAbsolutePath());
        if (!settings.isEmpty()) {
            // Neo4j reads settings by name from a neo4j.conf file; the
            // launcher's own below win over them except where named here
            Path conf = data.resolve("launcher.conf");
            StringBuilder text = new StringBuilder();
            settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(conf, text);
            builder.loadPropertiesFromFile(conf);
        }
        if (!settings.containsKey(GraphDatabaseSettings.pagecache_memory.name())) {
            builder.setConfig(GraphDatabaseSettings.pagecache_memory, pagecache);
        }
        if (!settings.containsKey(GraphDatabaseSettings.keep_logical_logs.name())) {
            builder.setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files");
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            System.out.flush();
            dbms.shutdown();
            System.out.println("STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-launcher-shutdown"));

        if (auth) {
            setPassword(dbms, password);
        }
        int bound = boltPort(dbms, port);
        waitForBolt(bound);
        System.out.println("READY port=" + bound + " uri=bolt://127.0.0.1:" + bound + (auth ? " auth=on" : " auth=off"));
        System.out.flush();
        stopped.await();
    }

    /** setPassword gives the user neo4j the password from the environment. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to set the password a user already has; a
            // restart on the same data folder lands here.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /** boltPort returns the port the Bolt connector is bound to. */
    private static int boltPort(DatabaseManagementService dbms, int asked) {
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (db instanceof GraphDatabaseAPI api) {
            HostnamePort hp = api.getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            if (hp != null) {
                return hp.getPort();
            }
        }
        return asked;
    }

    /**
     * waitForBolt performs the Bolt handshake (magic number and four
     * proposed versions) until the server agrees on a version.
     */
    private static void waitForBolt(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                out.write(new byte[] {
                        0x60, 0x60, (byte) 0xB0, 0x17,
                        0, 0, 4, 5, // 5.0 to 5.4
                        0, 0, 0, 4, // 4.4
                        0, 0, 0, 0,
                        0, 0, 0, 0,
                });
                out.flush();
                int version = new DataInputStream(s.getInputStream()).readInt();
                if (version != 0) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        fail("bolt did not answer on 127.0.0.1:" + port + (last != null ? ": " + last.getMessage() : ""));
    }

    private static long bytes(String s) {
        String v = s.trim().toLowerCase();
        long mult = 1;
        if (v.endsWith("k")) {
            mult = 1L << 10;
        } else if (v.endsWith("m")) {
            mult = 1L << 20;
        } else if (v.endsWith("g")) {
            mult = 1L << 30;
        }
        if (mult != 1) {
            v = v.substring(0, v.length() - 1);
        }
        return Long.parseLong(v) * mult;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value");
        }
        return args[i];
    }

    private static void fail(String msg) {
        System.err.println("neo4j-launcher: " + msg);
        System.exit(2);
    }
}
