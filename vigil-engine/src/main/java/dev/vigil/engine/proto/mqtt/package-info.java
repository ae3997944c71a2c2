/**
 * MQTT 3.1, 3.1.1 and 5.0 (OASIS): CONNECT (client id, user, whether a password was sent, protocol
 * level), CONNACK codes, SUBSCRIBE filters and PUBLISH topics.
 */
package dev.vigil.engine.proto.mqtt;
