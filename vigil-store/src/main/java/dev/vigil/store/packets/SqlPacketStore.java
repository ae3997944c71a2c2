package dev.vigil.store.packets;

import dev.vigil.store.db.Database;
import java.util.Optional;

/** {@link PacketStore} in SQL: table {@code finding_packets}. */
public final class SqlPacketStore implements PacketStore {

    private final Database db;

    public SqlPacketStore(Database db) {
        this.db = db;
    }

    @Override
    public void keep(String findingId, long packets, long flows, byte[] pcap, long now) {
        db.write(h -> h.createUpdate("INSERT INTO finding_packets (finding_id, packets, flows, pcap, updated) VALUES (:f, :n, :k, :b, :t) "
                + "ON CONFLICT (finding_id) DO UPDATE SET packets = :n, flows = :k, pcap = :b, updated = :t")
                .bind("f", findingId).bind("n", packets).bind("k", flows).bind("b", pcap).bind("t", now).execute());
    }

    @Override
    public Optional<KeptPackets> info(String findingId) {
        return db.read(h -> h.createQuery("SELECT packets, flows, pcap, updated FROM finding_packets WHERE finding_id = :f")
                .bind("f", findingId).map((rs, c) -> new KeptPackets(rs.getLong("packets"), rs.getLong("flows"),
                        rs.getBytes("pcap").length, rs.getLong("updated"))).findOne());
    }

    @Override
    public Optional<byte[]> pcap(String findingId) {
        return db.read(h -> h.createQuery("SELECT pcap FROM finding_packets WHERE finding_id = :f").bind("f", findingId)
                .map((rs, c) -> rs.getBytes("pcap")).findOne());
    }
}
