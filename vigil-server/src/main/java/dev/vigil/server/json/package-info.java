/** The JSON the service speaks (the API, the outputs, the views it keeps). */
package dev.vigil.server.json;
