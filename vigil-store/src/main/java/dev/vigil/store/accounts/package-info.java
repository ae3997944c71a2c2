/** Users, sign-in sessions, API tokens and sign-in throttling state. */
package dev.vigil.store.accounts;
