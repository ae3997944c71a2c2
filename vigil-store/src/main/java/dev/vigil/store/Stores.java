package dev.vigil.store;

import dev.vigil.store.policy.PolicyStore;
import dev.vigil.store.policy.SqlPolicyStore;
import dev.vigil.store.accounts.ApiTokenStore;
import dev.vigil.store.accounts.SessionStore;
import dev.vigil.store.accounts.SignInStore;
import dev.vigil.store.accounts.SqlApiTokenStore;
import dev.vigil.store.accounts.SqlSessionStore;
import dev.vigil.store.accounts.SqlSignInStore;
import dev.vigil.store.accounts.SqlUserStore;
import dev.vigil.store.accounts.UserStore;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.alerts.SqlAlertStore;
import dev.vigil.store.audit.AuditKey;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.audit.SqlAuditStore;
import dev.vigil.store.db.Database;
import dev.vigil.store.db.FieldCipher;
import dev.vigil.store.db.Transactions;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.devices.SqlDeviceStore;
import dev.vigil.store.findings.FindingStore;
import dev.vigil.store.findings.SqlFindingStore;
import dev.vigil.store.keys.DataKeyStore;
import dev.vigil.store.keys.SqlDataKeyStore;
import dev.vigil.store.packets.PacketStore;
import dev.vigil.store.packets.SqlPacketStore;
import dev.vigil.store.posture.ConversationStore;
import dev.vigil.store.posture.PostureStore;
import dev.vigil.store.posture.SqlConversationStore;
import dev.vigil.store.posture.SqlPostureStore;
import dev.vigil.store.retention.RetentionStore;
import dev.vigil.store.retention.SqlRetentionStore;
import dev.vigil.store.settings.SettingStore;
import dev.vigil.store.settings.SqlSettingStore;
import dev.vigil.store.sources.SourceStore;
import dev.vigil.store.sources.SqlSourceStore;

/**
 * Every store over one database: what a part of the service is handed its stores from. Stores over
 * the same database join each other's transactions ({@link #transactions}).
 *
 * @param auditKey the audit chain's key, set once the vault is open (shared by the stores of every pool)
 */
public record Stores(Transactions transactions, DeviceStore devices, FindingStore findings, AlertStore alerts,
        PostureStore posture, ConversationStore conversations, SourceStore sources, PacketStore packets, UserStore users,
        SessionStore sessions, ApiTokenStore tokens, SignInStore signIns, AuditStore audit, SettingStore settings,
        DataKeyStore dataKeys, RetentionStore retention, PolicyStore policies, AuditKey auditKey) {

    /** The stores of a database; sensitive fields go through {@code cipher}, the audit chain under {@code auditKey}. */
    public static Stores over(Database db, FieldCipher cipher, AuditKey auditKey) {
        SettingStore settings = new SqlSettingStore(db);
        return new Stores(db, new SqlDeviceStore(db, cipher), new SqlFindingStore(db, cipher), new SqlAlertStore(db),
                new SqlPostureStore(db), new SqlConversationStore(db), new SqlSourceStore(db), new SqlPacketStore(db),
                new SqlUserStore(db, cipher), new SqlSessionStore(db, cipher), new SqlApiTokenStore(db), new SqlSignInStore(db),
                new SqlAuditStore(db, settings, auditKey), settings, new SqlDataKeyStore(db), new SqlRetentionStore(db),
                new SqlPolicyStore(db), auditKey);
    }

    /** The stores a vault needs before there is a cipher: its keys, the audit log it keys, the settings. */
    public static Stores keys(Database db, AuditKey auditKey) {
        SettingStore settings = new SqlSettingStore(db);
        return new Stores(db, null, null, null, null, null, null, null, null, null, null, null,
                new SqlAuditStore(db, settings, auditKey), settings, new SqlDataKeyStore(db), null, null, auditKey);
    }
}
