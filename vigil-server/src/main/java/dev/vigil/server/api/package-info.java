/** The HTTP side: the REST API under /api, the dashboard, /health and /metrics. */
package dev.vigil.server.api;
