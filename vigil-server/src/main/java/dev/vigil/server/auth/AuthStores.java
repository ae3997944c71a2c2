package dev.vigil.server.auth;

import dev.vigil.store.Stores;
import dev.vigil.store.accounts.ApiTokenStore;
import dev.vigil.store.accounts.SessionStore;
import dev.vigil.store.accounts.SignInStore;
import dev.vigil.store.accounts.UserStore;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.Transactions;
import dev.vigil.store.settings.SettingStore;

/** The stores sign-in and accounts work on, and their units of work. */
public record AuthStores(UserStore users, SessionStore sessions, ApiTokenStore tokens, SignInStore signIns, AuditStore audit,
        SettingStore settings, Transactions tx) {

    public static AuthStores of(Stores s) {
        return new AuthStores(s.users(), s.sessions(), s.tokens(), s.signIns(), s.audit(), s.settings(), s.transactions());
    }
}
