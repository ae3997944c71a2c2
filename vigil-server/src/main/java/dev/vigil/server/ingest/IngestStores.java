package dev.vigil.server.ingest;

import dev.vigil.store.Stores;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.db.Transactions;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.findings.FindingStore;
import dev.vigil.store.packets.PacketStore;
import dev.vigil.store.posture.ConversationStore;
import dev.vigil.store.posture.PostureStore;
import dev.vigil.store.sources.SourceStore;

/** The stores a committed window goes to, over ingestion's own connections, and their units of work. */
public record IngestStores(Transactions tx, DeviceStore devices, FindingStore findings, AlertStore alerts, PostureStore posture,
        ConversationStore conversations, SourceStore sources, PacketStore packets, dev.vigil.store.policy.PolicyStore policies) {

    public static IngestStores of(Stores s) {
        return new IngestStores(s.transactions(), s.devices(), s.findings(), s.alerts(), s.posture(), s.conversations(), s.sources(),
                s.packets(), s.policies());
    }
}
