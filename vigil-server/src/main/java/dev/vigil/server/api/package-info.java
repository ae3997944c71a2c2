/**
 * What every resource of the REST API shares: errors, query and body parameters, the standard
 * envelope of a list and of a change feed, the caller, CSV downloads. The resources are the
 * subpackages, one route class per resource, each given only the stores and services it needs.
 */
package dev.vigil.server.api;
