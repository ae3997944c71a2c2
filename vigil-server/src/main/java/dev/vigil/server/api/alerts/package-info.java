/** The alert queue: the list, one alert, the steps of its lifecycle, bulk steps, CSV, packets. */
package dev.vigil.server.api.alerts;
