/** Administration: users and the sign-in policy, API tokens, the audit log, key rotation and retention. */
package dev.vigil.server.api.admin;
