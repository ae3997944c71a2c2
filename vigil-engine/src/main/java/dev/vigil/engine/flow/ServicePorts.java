package dev.vigil.engine.flow;

import java.util.BitSet;

/**
 * Ports that identify a server side: the IANA system range plus registered ports that IoT and
 * industrial devices commonly serve on. Used only to orient flows whose first packet does not say
 * who started them.
 */
public final class ServicePorts {

    private ServicePorts() {
    }

    private static final BitSet SERVICES = new BitSet(65536);

    static {
        SERVICES.set(1, 1024);
        int[] registered = {1080, 1194, 1433, 1521, 1723, 1883, 1900, 2000, 2049, 2323, 2404, 3000, 3128, 3268, 3306,
            3389, 3478, 3702, 4433, 4443, 4840, 5000, 5001, 5060, 5061, 5222, 5353, 5355, 5432, 5683, 5684, 5900,
            6379, 6443, 6653, 6666, 6667, 7000, 7547, 8000, 8008, 8009, 8080, 8081, 8086, 8088, 8443, 8554, 8883,
            8888, 9000, 9001, 9090, 9100, 9200, 9443, 9999, 10000, 10001, 11211, 20000, 27017, 37215, 37777, 44818,
            47808, 49152, 50000, 52869};
        for (int p : registered) {
            SERVICES.set(p);
        }
    }

    public static boolean isService(int port) {
        return port > 0 && port < 65536 && SERVICES.get(port);
    }
}
